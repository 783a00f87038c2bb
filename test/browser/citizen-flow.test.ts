// A citizen on a phone: find a CPR class, sign in with the SMS code, sign up, show the pass,
// cancel it; and a booking that is never made twice, by a double tap or by a retry.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { expectQrCodeOf, openPhone, SHOTS, signInWithDevCode } from './citizen.ts';

const baseUrl = inject('baseUrl');

interface MyRegistration {
  id: string;
  status: string;
  slot: { id: string };
}

/** The signed-in person's sign-ups, as the API has them. */
const myRegistrations = (page: Page) =>
  page.evaluate(
    async () => ((await (await fetch('/api/me/registrations')).json()) as { items: MyRegistration[] }).items,
  );

describe.skipIf(!baseUrl)('a citizen signs up for a CPR class', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await openPhone(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('browses to a campaign, signs in on the way, signs up and sees the code and QR', async () => {
    await page.goto(baseUrl);
    await page.getByRole('link', { name: /心肺复苏/ }).click();
    await page.getByRole('heading', { level: 1, name: /心肺复苏/ }).waitFor();
    const firstSession = page.locator('.session').first();
    await expect.poll(() => firstSession.locator('.seats').textContent()).toBe('剩余 30 个名额（共 30 个）');
    await firstSession.getByRole('link', { name: '报名', exact: true }).click();

    // Not signed in yet: the sign-in page, then straight back to the form.
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await signInWithDevCode(page, '13700000001');
    await page.getByRole('heading', { name: '报名', exact: true }).waitFor();
    await page.screenshot({ path: `${SHOTS}/sign-up-cpr.png`, fullPage: true });

    // Inline validation: the name is required.
    await page.getByRole('button', { name: '确认报名' }).click();
    await expect.poll(() => page.locator('.field-error:visible').textContent()).toBe('此项为必填项。');
    expect(await page.getByLabel('姓名').evaluate((input) => document.activeElement === input)).toBe(true);

    await page.getByLabel('姓名').fill('李小明');
    await page.getByRole('button', { name: '确认报名' }).click();
    await page.getByRole('heading', { name: '报名成功' }).waitFor();
    const code = (await page.locator('.booking-code-large .code').textContent())!.replace(/\s/g, '');
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    await expect.poll(() => page.getByRole('img', { name: `预约码 ${code} 的二维码` }).count()).toBe(1);
    await expectQrCodeOf(page, code);
    expect(await page.locator('.pass .status-badge').textContent()).toBe('已确认');
    expect(await page.locator('.facts').textContent()).toContain('聊城大学体育馆一楼');
    await page.screenshot({ path: `${SHOTS}/pass-cpr.png`, fullPage: true });

    // Back goes to the campaign (the form is not in the history any more), one seat fewer.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: /心肺复苏/ }).waitFor();
    await expect
      .poll(() => page.locator('.session').first().locator('.seats').textContent())
      .toBe('剩余 29 个名额（共 30 个）');
  });

  it('lists the sign-up in My sign-ups and cancels it after a confirmation step', async () => {
    await page.getByRole('link', { name: '我的报名', exact: true }).click();
    const card = page.locator('.registration').filter({ hasText: '心肺复苏' });
    await card.waitFor();
    expect(await card.locator('.status-badge').textContent()).toBe('已确认');
    await page.screenshot({ path: `${SHOTS}/my-sign-ups.png`, fullPage: true });

    await card.getByRole('button', { name: '取消报名' }).click();
    await card.getByText('确定取消这次报名吗').waitFor();
    await card.getByRole('button', { name: '先不取消' }).click(); // changing one's mind keeps it
    expect((await myRegistrations(page))[0]!.status).toBe('confirmed');

    await card.getByRole('button', { name: '取消报名' }).click();
    await card.getByRole('button', { name: '确定取消' }).click();
    await page.getByRole('heading', { name: '已结束或已取消' }).waitFor();
    const cancelled = page.locator('.registration.status-cancelled');
    expect(await cancelled.locator('.status-badge').textContent()).toBe('已取消');
    expect(await cancelled.getByRole('button', { name: '取消报名' }).count()).toBe(0);
    expect((await myRegistrations(page))[0]!.status).toBe('cancelled');
  });

  it('books once when the button is tapped twice', async () => {
    await page.goto(`${baseUrl}/campaigns/demo-cpr`);
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/registrations'))
        posts.push(request.headers()['idempotency-key'] ?? '');
    });
    await page.locator('.session').nth(1).getByRole('link', { name: '报名', exact: true }).click();
    await page.getByLabel('姓名').waitFor();
    expect(await page.getByLabel('姓名').inputValue()).toBe('李小明'); // from the profile
    await page.getByRole('button', { name: '确认报名' }).dblclick();
    await page.getByRole('heading', { name: '报名成功' }).waitFor();
    expect(posts).toHaveLength(1);
    const inSlot = (await myRegistrations(page)).filter((item) => item.slot.id === 'demo-cpr-s2-slot1');
    expect(inSlot.map((item) => item.status)).toEqual(['confirmed']);
  });

  it('retries a sign-up whose answer was lost with the same Idempotency-Key, and books once', async () => {
    await page.goto(`${baseUrl}/campaigns/demo-free-clinic`);
    await page
      .locator('.slot')
      .filter({ hasText: '义诊咨询' })
      .getByRole('link', { name: '报名', exact: true })
      .click();
    await page.getByRole('button', { name: '确认报名' }).waitFor();
    await page.getByText('否', { exact: true }).click(); // its optional question

    // The first request reaches the server and books; its answer never reaches the phone.
    const keys: string[] = [];
    await page.route('**/api/slots/*/registrations', async (route) => {
      keys.push(route.request().headers()['idempotency-key']!);
      if (keys.length === 1) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.getByRole('button', { name: '确认报名' }).click();
    await page.getByText('网络连接失败，请检查网络后重试。').waitFor();
    await page.screenshot({ path: `${SHOTS}/sign-up-lost-answer.png`, fullPage: true });

    await page.getByRole('button', { name: '确认报名' }).click();
    await page.getByRole('heading', { name: '报名成功' }).waitFor();
    await page.unroute('**/api/slots/*/registrations');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const inSlot = (await myRegistrations(page)).filter((item) => item.slot.id === 'demo-free-clinic-s1-slot1');
    expect(inSlot).toHaveLength(1);
  });

  it('shows a check-in and the donation history', async () => {
    // Check-in (and the donations it records) comes with the organizer pages: until then the
    // answers are stubbed, in the shape GET /api/me/registrations and /api/me/donations give.
    const registration = (await myRegistrations(page))[0]!;
    await page.route('**/api/me/registrations', async (route) => {
      const answer = await route.fetch();
      const { items } = (await answer.json()) as { items: MyRegistration[] };
      await route.fulfill({
        response: answer,
        json: { items: items.map((item) => (item.id === registration.id ? { ...item, status: 'checked_in' } : item)) },
      });
    });
    await page.route('**/api/me/donations', (route) =>
      route.fulfill({
        json: {
          items: [
            { day: '2025-03-01', kind: 'platelets' },
            { day: '2024-06-14', kind: 'whole_blood' },
          ],
        },
      }),
    );
    await page.goto(`${baseUrl}/me/sign-ups`);
    await page.locator('.donations li').first().waitFor();
    expect(await page.locator('.donations li').allTextContents()).toEqual([
      '2025年3月1日 周六机采血小板',
      '2024年6月14日 周五全血',
    ]);
    const checkedIn = page.locator(`.registration.status-checked_in`);
    expect(await checkedIn.locator('.status-badge').textContent()).toBe('已签到');
    expect(await checkedIn.getByRole('button', { name: '取消报名' }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/my-sign-ups-history.png`, fullPage: true });
    await page.unroute('**/api/me/registrations');
    await page.unroute('**/api/me/donations');
  });
});
