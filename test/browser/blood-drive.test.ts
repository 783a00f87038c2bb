// A blood drive sign-up: the donor rules in plain words, the ID number and weight, the drive's
// own questions, every reason a donor is turned away, and the API's field errors in place.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkCharacter } from '../../worker/domain/id-number.ts';
import { launchChromium } from './chromium.ts';
import { expectNoSidewaysScroll, openPhone, SHOTS, signInWithDevCode } from './citizen.ts';

const baseUrl = inject('baseUrl');
const VALID_ID = '371502199003071230'; // a man born 1990-03-07
const bornIn1950 = `37150219500101123`;
const TOO_OLD_ID = bornIn1950 + checkCharacter(bornIn1950);

describe.skipIf(!baseUrl)('signing up for a blood drive', () => {
  let browser: Browser;
  let page: Page;
  const field = (label: string) => page.locator('.field').filter({ has: page.getByText(label, { exact: true }) });

  beforeAll(async () => {
    browser = await launchChromium();
    page = await openPhone(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('states the donor rules on the campaign page', async () => {
    await page.goto(`${baseUrl}/campaigns/demo-blood-drive`);
    const rules = page.locator('.rules');
    await rules.waitFor();
    expect(await rules.textContent()).toContain('年龄 18–55 周岁；献过血且没有不良反应的，可到 60 周岁');
    expect(await rules.textContent()).toContain('男性不低于 50 公斤，女性不低于 45 公斤');
    expect(await rules.textContent()).toContain('两次献全血至少 6 个月');
    await page.screenshot({ path: `${SHOTS}/campaign-blood-drive.png`, fullPage: true });
  });

  it('checks the form inline before sending it', async () => {
    await page
      .locator('.session')
      .first()
      .locator('.slot')
      .filter({ hasText: '献血者' })
      .getByRole('link', { name: '报名', exact: true })
      .click();
    await signInWithDevCode(page, '13600000001');
    await page.getByRole('button', { name: '确认报名' }).click();
    await expect.poll(() => field('姓名').locator('.field-error').textContent()).toBe('此项为必填项。');
    expect(await field('身份证号码').locator('.field-error').textContent()).toBe('此项为必填项。');
    expect(await field('体重（公斤）').locator('.field-error').textContent()).toBe('此项为必填项。');
    expect(await field('是否首次献血').locator('.field-error').textContent()).toBe('此项为必填项。');
    expect(await field('方便接听电话的时间').locator('.field-error').textContent()).toBe('此项为必填项。');

    await page.getByLabel('身份证号码').fill('371502199003071231'); // wrong check digit
    await expect
      .poll(() => field('身份证号码').locator('.field-error').textContent())
      .toBe('身份证号码不正确，请核对（18 位，末位可能是 X）。');
    await page.screenshot({ path: `${SHOTS}/sign-up-blood-errors.png`, fullPage: true });
  });

  it('shows every reason a donor cannot give', async () => {
    await page.getByLabel('姓名').fill('王建国');
    await page.getByLabel('身份证号码').fill(TOO_OLD_ID);
    await page.getByLabel('体重（公斤）').fill('45');
    await field('是否首次献血').getByText('否', { exact: true }).click();
    await field('方便接听电话的时间').getByText('上午', { exact: true }).click();
    await page.getByRole('button', { name: '确认报名' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: '很抱歉，您暂不符合报名条件' });
    await refusal.waitFor();
    const reasons = await refusal.locator('li').allTextContents();
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/^年龄需在 18–55 周岁之间（活动当天您 7\d 周岁）。$/);
    expect(reasons[1]).toBe('献血者体重需不低于 50 公斤。');
    await page.screenshot({ path: `${SHOTS}/sign-up-ineligible.png`, fullPage: true });
  });

  it("places the API's field issues next to their fields", async () => {
    await page.route('**/api/slots/*/registrations', (route) =>
      route.fulfill({
        status: 400,
        json: {
          error: {
            code: 'validation_failed',
            message: '提交的信息有误，请检查后重试。',
            issues: [
              { path: 'weightKg', message: '体重需在 20–300 公斤之间。' },
              { path: 'answers.contactTime', message: '请从可选项中选择。' },
            ],
          },
        },
      }),
    );
    await page.getByRole('button', { name: '确认报名' }).click();
    await expect
      .poll(() => field('体重（公斤）').locator('.field-error').textContent())
      .toBe('体重需在 20–300 公斤之间。');
    expect(await field('方便接听电话的时间').locator('.field-error').textContent()).toBe('请从可选项中选择。');
    expect(await page.getByLabel('体重（公斤）').getAttribute('aria-invalid')).toBe('true');
    await page.unroute('**/api/slots/*/registrations');
  });

  it('signs up an eligible donor and shows the pass', async () => {
    await page.getByLabel('身份证号码').fill(VALID_ID);
    await page.getByLabel('体重（公斤）').fill('65');
    await page.getByRole('button', { name: '确认报名' }).click();
    await page.getByRole('heading', { name: '报名成功' }).waitFor();
    expect(await page.locator('.summary-title').textContent()).toBe('热血聊城 · 无偿献血进社区');
    expect(await page.locator('.facts').textContent()).toContain('献血者');
    await expect.poll(() => page.locator('svg.qr').count()).toBe(1);
    expect(await page.getByRole('region', { name: '献血前请注意' }).textContent()).toContain('带上本人身份证');
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/pass-blood-drive.png`, fullPage: true });

    // The map: the session's address as a search on Amap, nothing of the person.
    const map = new URL((await page.getByRole('link', { name: '在地图中查看' }).getAttribute('href'))!);
    expect(map.origin + map.pathname).toBe('https://uri.amap.com/search');
    expect(map.searchParams.get('keyword')).toBe(await page.locator('.facts div:nth-child(4) dd').textContent());
    expect(map.searchParams.get('city')).toBe('聊城市');

    // The calendar: a plain link to the .ics, with the session in UTC and a reminder.
    const calendar = page.getByRole('link', { name: '添加到日历' });
    const href = (await calendar.getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/me\/registrations\/[\w-]+\/calendar\.ics\?lang=zh-CN$/);
    const download = page.waitForEvent('download');
    await calendar.click();
    const ics = readFileSync((await (await download).path())!, 'utf8');
    expect(ics).toMatch(/^DTSTART:\d{8}T\d{6}Z\r$/m);
    expect(ics).toContain('TRIGGER:-P1D');
    expect(ics.replace(/\r\n /g, '')).toContain('带上身份证');

    // In English, the link asks for an English file.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Before you give blood' }).waitFor();
    expect(await page.getByRole('link', { name: 'Add to calendar' }).getAttribute('href')).toMatch(/\?lang=en$/);
    expect(await page.getByRole('link', { name: 'Open in maps' }).count()).toBe(1);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/pass-blood-drive-en.png`, fullPage: true });
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '献血前请注意' }).waitFor();

    // The ID number gave the profile a birth date and gender.
    await page.getByRole('link', { name: '我的资料' }).click();
    await expect.poll(() => page.getByLabel('出生日期').inputValue()).toBe('1990-03-07');
    expect(await page.getByLabel('性别').inputValue()).toBe('male');
  });

  it('marks the slot I hold on the campaign page, with the way to my pass', async () => {
    await page.goto(`${baseUrl}/campaigns/demo-blood-drive`);
    const slot = page.locator('.session').first().locator('.slot').filter({ hasText: '献血者' });
    await slot.getByTestId('held').waitFor();
    expect(await slot.locator('.status-badge').textContent()).toBe('已报名');
    expect(await slot.getByRole('link', { name: '报名', exact: true }).count()).toBe(0);
    await expectNoSidewaysScroll(page);
    await slot.screenshot({ path: `${SHOTS}/campaign-slot-held.png` });
    await slot.getByRole('link', { name: '查看凭证' }).click();
    await page.locator('svg.qr').waitFor();
  });

  it('signs a returning donor up for the next session without typing the ID number, and shows none of it', async () => {
    await page.goto(`${baseUrl}/campaigns/demo-blood-drive`);
    await page
      .locator('.session')
      .filter({ hasText: '聊城大学西校区' })
      .locator('.slot')
      .filter({ hasText: '献血者' })
      .getByRole('link', { name: '报名', exact: true })
      .click();
    const reuse = page.getByLabel('使用上次登记的身份证号（已加密保存，不显示）');
    await reuse.waitFor();
    expect(await reuse.isChecked()).toBe(true);
    expect(await page.getByLabel('身份证号码').isVisible()).toBe(false);
    // Nothing of the number on the page: not in the text, not in a field's value.
    const form = page.locator('form');
    expect(await form.textContent()).not.toMatch(/1230|19900307/);
    expect(await page.getByLabel('身份证号码').inputValue()).toBe('');
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/sign-up-saved-id-number.png`, fullPage: true });

    // Another number instead: unticking shows the box; ticking again hides it.
    await reuse.uncheck();
    await page.getByLabel('身份证号码').waitFor();
    await reuse.check();
    await expect.poll(() => page.getByLabel('身份证号码').isVisible()).toBe(false);

    await page.getByLabel('体重（公斤）').fill('65');
    await field('是否首次献血').getByText('否', { exact: true }).click();
    await field('方便接听电话的时间').getByText('下午', { exact: true }).click();
    const sent = page.waitForRequest('**/api/slots/*/registrations');
    await page.getByRole('button', { name: '确认报名' }).click();
    const body = (await sent).postDataJSON() as Record<string, unknown>;
    expect(body.useSavedIdNumber).toBe(true);
    expect(body).not.toHaveProperty('idNumber');
    await page.getByRole('heading', { name: '报名成功' }).waitFor();
    expect(await page.locator('.facts').textContent()).toContain('聊城大学西校区');
  });
});
