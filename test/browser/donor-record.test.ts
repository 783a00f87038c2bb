// A donor's record and card at 390 px: a donation recorded at the desk shows with its volume,
// the next dates, the honour count and the fee waiver in words; the card's QR decodes (jsQR) to
// an address whose token the public check accepts, and the page renews it before it expires;
// the home page's blood stock banner and "your type is needed" for an O RhD-negative donor.
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkCharacter } from '../../worker/domain/id-number.ts';
import { launchChromium } from './chromium.ts';
import {
  adminLogin,
  chinaTime,
  citizenLogin,
  expectNoSidewaysScroll,
  moveSessionToNow,
  openPhone,
  postAs,
  SHOTS,
} from './citizen.ts';

const baseUrl = inject('baseUrl');
const PHONE = '13600001529';
const ID_BASE = '37150219900307152';

/** Reads the QR drawn on the page as a scanner would: its SVG runs painted into pixels, then jsQR. */
async function scanQr(page: Page): Promise<string> {
  const svg = page.locator('svg.qr');
  const [viewBox, path] = await Promise.all([svg.getAttribute('viewBox'), svg.locator('path').getAttribute('d')]);
  const modules = Number(viewBox!.split(' ')[2]);
  const scale = 4;
  const size = modules * scale;
  const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
  for (const [, x, y, run] of path!.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < Number(run) * scale; dx++) {
        const offset = ((Number(y) * scale + dy) * size + Number(x) * scale + dx) * 4;
        pixels.fill(0, offset, offset + 3);
      }
    }
  }
  const read = jsQR(pixels, size, size);
  expect(read, 'the QR decodes').not.toBeNull();
  return read!.data;
}

describe.skipIf(!baseUrl)('the donor record and card', () => {
  let browser: Browser;
  let page: Page;
  let citizen: string;

  beforeAll(async () => {
    browser = await launchChromium();
    const admin = await adminLogin(baseUrl);
    // The blood centre marks O RhD-negative critical.
    const stock = await fetch(`${baseUrl}/api/admin/blood-stock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({
        levels: [
          { bloodType: 'O', rhD: 'negative', level: 'critical' },
          { bloodType: 'O', rhD: 'positive', level: 'low' },
          { bloodType: 'A', rhD: 'positive', level: 'normal' },
          { bloodType: 'B', rhD: 'positive', level: 'full' },
        ],
      }),
    });
    expect(stock.status).toBe(200);

    // A donation of 400 mL recorded at the desk of a drive held today.
    const { campaign } = await postAs<{ campaign: { id: string } }>(baseUrl, admin, '/api/admin/campaigns', {
      kind: 'blood_drive',
      title: '献血记录测试',
      description: '',
      organizationId: 'org-blood-centre',
      startsOn: chinaTime(0, '00:00').slice(0, 10),
      endsOn: chinaTime(3, '00:00').slice(0, 10),
      status: 'published',
    });
    const { session } = await postAs<{ session: { id: string; slots: { id: string }[] } }>(
      baseUrl,
      admin,
      `/api/admin/campaigns/${campaign.id}/sessions`,
      {
        startsAt: chinaTime(2, '08:30'),
        endsAt: chinaTime(2, '16:30'),
        venue: '献血屋',
        address: '东昌府区花园北路 1 号',
        slots: [{ role: '献血者', capacity: 5 }],
      },
    );
    citizen = await citizenLogin(baseUrl, PHONE);
    await fetch(`${baseUrl}/api/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: citizen },
      body: JSON.stringify({ name: '周献血', bloodType: 'O', rhD: 'negative' }),
    });
    const { registration } = await postAs<{ registration: { id: string; code: string } }>(
      baseUrl,
      citizen,
      `/api/slots/${session.slots[0]!.id}/registrations`,
      { name: '周献血', idNumber: ID_BASE + checkCharacter(ID_BASE), weightKg: 62 },
    );
    await moveSessionToNow(baseUrl, admin, session.id);
    await postAs(baseUrl, admin, '/api/admin/checkins', { code: registration.code });
    await postAs(baseUrl, admin, `/api/admin/registrations/${registration.id}/donation`, {
      kind: 'whole_blood',
      volumeMl: 400,
    });
    page = await openPhone(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the blood stock on the home page', async () => {
    await page.goto(baseUrl);
    const banner = page.locator('.blood-stock');
    await banner.waitFor();
    expect(await banner.locator('.stock-critical').textContent()).toBe('O RhD− 紧急');
    expect(await banner.textContent()).toContain('O 偏低');
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/home-blood-stock.png`, fullPage: true });
  });

  it('shows the record in words, with the type needed', async () => {
    // The card's renewal is timed on the page's clock: installed before the app loads.
    await page.clock.install();
    // Signed in as the donor (one code a minute per phone: the session from before is reused).
    const [name, value] = citizen.split(';')[0]!.split('=') as [string, string];
    await page.context().addCookies([{ name, value, url: baseUrl }]);
    await page.goto(`${baseUrl}/me/donor`);
    await page.getByRole('heading', { name: '我的献血' }).waitFor();
    expect(await page.getByTestId('donor-totals').textContent()).toBe('共献血 1 次，全血 400 毫升');
    expect(await page.locator('.stock-notice').textContent()).toBe('您的 O RhD− 型血库存紧急，急需您的帮助。');
    const next = await page.getByTestId('next-eligible').textContent();
    expect(next).toMatch(/^全血\d+月\d+日 周. 起|^全血\d{4}年/);
    expect(await page.getByTestId('honor').textContent()).toBe('累计 2 次。再献 18 次可获铜奖。');
    expect(await page.getByTestId('fee-waiver').textContent()).toMatch(
      /前，您可免费使用临床用血 2000 毫升（献血量的 5 倍）；此后可免费使用 400 毫升。$/,
    );
    expect(await page.locator('.donations li').first().textContent()).toContain('全血 400 毫升');
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/donor-record.png`, fullPage: true });
  });

  it('shows a card whose QR a gate scans and checks, renewed before it expires', async () => {
    await page.getByRole('link', { name: '电子献血证' }).click();
    await page.locator('svg.qr').waitFor();
    const address = await scanQr(page);
    const token = new URL(address).pathname.split('/').at(-1)!;
    expect(address).toBe(`${baseUrl}/donor-cards/${token}`);
    const check = await fetch(`${baseUrl}/api/donor-cards/${token}`);
    expect(check.status).toBe(200);
    expect(await check.json()).toEqual({ valid: true, name: '周**', donations: 1, honor: null });
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/donor-card.png`, fullPage: true });

    // Four minutes on: the page has fetched the next token and drawn it.
    await page.clock.fastForward('04:05');
    await expect.poll(() => scanQr(page)).not.toBe(address);

    // The gate's phone opens the address and sees the masked name.
    const gate = await openPhone(browser);
    await gate.goto(address);
    await gate.getByTestId('card-check').waitFor();
    expect(await gate.getByTestId('card-check').textContent()).toContain('有效的电子无偿献血证');
    expect(await gate.getByTestId('card-check').textContent()).toContain('周**');
    await gate.screenshot({ path: `${SHOTS}/donor-card-check.png`, fullPage: true });
    await gate.goto(`${baseUrl}/donor-cards/${'x'.repeat(43)}`);
    await gate.getByTestId('card-check').waitFor();
    expect(await gate.getByTestId('card-check').textContent()).toContain('无效或已过期');
  });

  it('tells a returning donor before the form when they may give again, and that this session is too soon', async () => {
    await page.goto(`${baseUrl}/campaigns/demo-blood-drive`);
    await page
      .locator('.session')
      .first()
      .locator('.slot')
      .filter({ hasText: '献血者' })
      .getByRole('link', { name: '报名', exact: true })
      .click();
    const notice = page.getByTestId('returning-donor');
    await notice.waitFor();
    // Whole blood today: whole blood again in 6 months, platelets in 3; the drive takes both.
    const lines = await notice.locator('li').allTextContents();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^全血：.+ 起 · 本场太早$/);
    expect(lines[1]).toMatch(/^机采血小板：.+ 起 · 本场太早$/);
    expect(await notice.textContent()).toMatch(/^欢迎再次献血上次献血：.+（全血）。/);
    expect(await notice.locator('strong').textContent()).toMatch(
      /^这一场在您下次可献血的日期之前：按献血间隔规定，您这次还不能献血，报名会被拒绝。请选择 .+ 及以后的场次。$/,
    );
    expect(await notice.getAttribute('class')).toContain('notice-error');
    // What the profile holds is filled in; the ID number is never shown back.
    expect(await page.getByLabel('姓名').inputValue()).toBe('周献血');
    expect(await page.getByLabel('身份证号码').inputValue()).toBe('');
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/sign-up-returning-donor.png`, fullPage: true });
  });
});
