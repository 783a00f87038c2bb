// Full slots: "full — join the waiting list" where there is one, plain "full" where there is
// not; joining it, and moving up when someone cancels.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import {
  adminLogin,
  chinaTime,
  citizenLogin,
  expectNoSidewaysScroll,
  openPhone,
  postAs,
  SHOTS,
  signInWithDevCode,
} from './citizen.ts';

const baseUrl = inject('baseUrl');

describe.skipIf(!baseUrl)('a full slot', () => {
  let browser: Browser;
  let page: Page;
  let firstInLine: string;
  let firstRegistrationId: string;
  let earlySlotId: string;

  beforeAll(async () => {
    // An organizer adds a small session to the CPR campaign; someone else takes both seats.
    const admin = await adminLogin(baseUrl);
    const { session } = await postAs<{ session: { slots: { id: string }[] } }>(
      baseUrl,
      admin,
      '/api/admin/campaigns/demo-cpr/sessions',
      {
        startsAt: chinaTime(6, '19:00'),
        endsAt: chinaTime(6, '21:00'),
        venue: '柳园街道社区活动室',
        address: '东昌府区柳园南路 8 号',
        slots: [
          { role: '晚间学员', capacity: 1, waitlist: true },
          { role: '旁听', capacity: 1, waitlist: false },
        ],
      },
    );
    // An earlier class of a campaign of its own (the demo campaigns' sessions stay as other tests expect them).
    const { campaign } = await postAs<{ campaign: { id: string } }>(baseUrl, admin, '/api/admin/campaigns', {
      kind: 'outreach',
      title: '早场健康讲座',
      description: '',
      organizationId: 'org-blood-centre',
      startsOn: chinaTime(0, '00:00').slice(0, 10),
      endsOn: chinaTime(10, '00:00').slice(0, 10),
      status: 'published',
    });
    const early = await postAs<{ session: { slots: { id: string }[] } }>(
      baseUrl,
      admin,
      `/api/admin/campaigns/${campaign.id}/sessions`,
      {
        startsAt: chinaTime(4, '09:00'),
        endsAt: chinaTime(4, '11:00'),
        venue: '柳园街道社区活动室',
        address: '东昌府区柳园南路 8 号',
        slots: [{ role: '早场听众', capacity: 5, waitlist: false }],
      },
    );
    earlySlotId = early.session.slots[0]!.id;
    firstInLine = await citizenLogin(baseUrl, '13500000001');
    for (const slot of session.slots) {
      const { registration } = await postAs<{ registration: { id: string } }>(
        baseUrl,
        firstInLine,
        `/api/slots/${slot.id}/registrations`,
        { name: '赵先到' },
      );
      firstRegistrationId ??= registration.id;
    }
    browser = await launchChromium();
    page = await openPhone(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('offers the waiting list where there is one, and nothing where there is not', async () => {
    await page.goto(`${baseUrl}/campaigns/demo-cpr`);
    const session = page.locator('.session').filter({ hasText: '柳园街道社区活动室' });
    await session.waitFor();
    const waitlisted = session.locator('.slot').filter({ hasText: '晚间学员' });
    expect(await waitlisted.locator('.seats').textContent()).toBe('名额已满 — 可加入候补');
    expect(await waitlisted.getByRole('link', { name: '加入候补' }).count()).toBe(1);
    const closed = session.locator('.slot').filter({ hasText: '旁听' });
    expect(await closed.locator('.seats').textContent()).toBe('名额已满');
    expect(await closed.getByRole('link').count()).toBe(0);
    await session.screenshot({ path: `${SHOTS}/session-full.png` });
  });

  it('joins the waiting list and sees its place', async () => {
    await page.locator('.slot').filter({ hasText: '晚间学员' }).getByRole('link', { name: '加入候补' }).click();
    await signInWithDevCode(page, '13500000002');
    await page.getByText('名额已满。提交后您将进入候补名单').waitFor();
    await page.getByLabel('姓名').fill('钱后到');
    await page.getByRole('button', { name: '加入候补' }).click();
    await page.getByRole('heading', { name: '已加入候补' }).waitFor();
    expect(await page.locator('.pass .status-badge').textContent()).toBe('候补第 1 位');
    // No pass to show yet: no code, no QR, no "show this at the desk"; what happens next instead.
    expect(await page.getByTestId('waitlist-next').textContent()).toMatch(
      /^您排在候补第 1 位。有人取消时，您会按先后顺序自动转为正式名额，并收到短信通知/,
    );
    expect(await page.locator('svg.qr').count()).toBe(0);
    expect(await page.locator('.booking-code').count()).toBe(0);
    expect(await page.getByText('出示此二维码').count()).toBe(0);
    expect(await page.getByRole('link', { name: '添加到日历' }).count()).toBe(0);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/pass-waitlisted.png`, fullPage: true });
  });

  it('marks the slot I wait for on the campaign page, with the way to my sign-up', async () => {
    await page.goto(`${baseUrl}/campaigns/demo-cpr`);
    const slot = page.locator('.slot').filter({ hasText: '晚间学员' });
    await slot.getByTestId('held').waitFor();
    expect(await slot.locator('.status-badge').textContent()).toBe('候补第 1 位');
    expect(await slot.getByRole('link', { name: '加入候补' }).count()).toBe(0);
    await slot.getByRole('link', { name: '查看凭证' }).click();
    await page.getByTestId('waitlist-next').waitFor();
  });

  it('moves up to confirmed when the person ahead cancels', async () => {
    await postAs(baseUrl, firstInLine, `/api/registrations/${firstRegistrationId}/cancel`, {});
    await page.getByRole('link', { name: '我的报名', exact: true }).click();
    const card = page.locator('.registration').filter({ hasText: '晚间学员' });
    await card.waitFor();
    expect(await card.locator('.status-badge').textContent()).toBe('已确认');
    // Now a seat: the pass shows the code and the QR.
    await card.getByRole('link', { name: '出示凭证' }).click();
    await page.locator('svg.qr').waitFor();
    expect(await page.getByTestId('waitlist-next').count()).toBe(0);
  });

  it('lists what is coming up by session time, the soonest first', async () => {
    await postAs(baseUrl, await citizenLoginOf(page), `/api/slots/${earlySlotId}/registrations`, { name: '钱后到' });
    await page.goto(`${baseUrl}/me/sign-ups`);
    const upcoming = page.locator('section[aria-labelledby="upcoming-title"] .registration');
    await expect.poll(() => upcoming.count()).toBe(2);
    const roles = await page
      .locator('section[aria-labelledby="upcoming-title"] .registration .facts div:first-child dd')
      .allTextContents();
    expect(roles).toEqual(['早场听众', '晚间学员']); // booked last, but two days sooner
  });
});

/** The cookie header of the page's own sign-in, for calls made beside it. */
async function citizenLoginOf(page: Page) {
  return (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}
