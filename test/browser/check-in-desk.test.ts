// A morning at a blood drive's desk, on a volunteer's phone: a pass of another campaign and one of
// another day refused in red; a donor without their phone found by the last 4 digits and checked
// in with one tap; the donation recorded after the collection; the signal dropping, two scans kept
// on the device and sent once each when it returns, the one another desk had checked in shown
// clearly. In the afternoon the organizer undoes a check-in from the roster (a table with 25 rows
// and more on a laptop) and reads what happened in the audit log, in words.
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
const run = Date.now().toString(36);
const ORGANIZER = { email: `desk-organizer-${run}@blood.example`, password: 'organizer-password' };
const VOLUNTEER = { email: `desk-volunteer-${run}@blood.example`, password: 'volunteer-password' };
const DRIVE = `献血车进园区 ${run}`;
const OTHER = `高校献血周 ${run}`;

/** A valid ID number of a man born 1985-05-07, one per `n`. */
const idNumber = (n: number) => {
  const body = `37150219850507${String(100 + n * 2 + 1).slice(-3)}`;
  return body + checkCharacter(body);
};

interface Registration {
  id: string;
  code: string;
}

describe.skipIf(!baseUrl)('the check-in desk', () => {
  let browser: Browser;
  let admin: string;
  let driveId: string;
  let desk: Page;
  const people: Record<string, Registration> = {};

  async function signIn(page: Page, who: { email: string; password: string }) {
    await page.getByLabel('邮箱').fill(who.email);
    await page.getByLabel('密码').fill(who.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
  }

  /** A blood drive of the organization with one session in `days` days per entry; its session ids and slot ids. */
  async function bloodDrive(organizationId: string, title: string, days: number[], platelets: boolean) {
    const { campaign } = await postAs<{ campaign: { id: string } }>(baseUrl, admin, '/api/admin/campaigns', {
      kind: 'blood_drive',
      title,
      description: '',
      organizationId,
      startsOn: chinaTime(0, '00:00').slice(0, 10),
      endsOn: chinaTime(12, '00:00').slice(0, 10),
      status: 'published',
      eligibility: { platelets },
    });
    const sessions = [];
    for (const day of days) {
      const { session } = await postAs<{ session: { id: string; slots: { id: string }[] } }>(
        baseUrl,
        admin,
        `/api/admin/campaigns/${campaign.id}/sessions`,
        {
          startsAt: chinaTime(day, '08:30'),
          endsAt: chinaTime(day, '16:30'),
          venue: `园区献血车 ${day}`,
          address: '东昌府区花园北路 1 号',
          slots: [{ role: '献血者', capacity: 10, waitlist: true }],
        },
      );
      sessions.push({ id: session.id, slotId: session.slots[0]!.id });
    }
    return { id: campaign.id, sessions };
  }

  async function signUp(slotId: string, phone: string, name: string, n: number) {
    const cookie = await citizenLogin(baseUrl, phone);
    const { registration } = await postAs<{ registration: Registration }>(
      baseUrl,
      cookie,
      `/api/slots/${slotId}/registrations`,
      { name, idNumber: idNumber(n), weightKg: 60 },
    );
    people[name] = registration;
  }

  const code = (name: string) => people[name]!.code;
  const checkInByCode = async (page: Page, text: string) => {
    await page.getByLabel('预约码').fill(text);
    await page.getByRole('button', { name: '签到', exact: true }).click();
  };

  beforeAll(async () => {
    admin = await adminLogin(baseUrl);
    const { organization } = await postAs<{ organization: { id: string } }>(
      baseUrl,
      admin,
      '/api/admin/organizations',
      { name: `聊城市中心血站 ${run}`, kind: 'blood_centre' },
    );
    for (const [who, role] of [
      [ORGANIZER, 'organizer'],
      [VOLUNTEER, 'checkin'],
    ] as const) {
      await postAs(baseUrl, admin, '/api/admin/staff', { ...who, role, organizationId: organization.id });
    }
    const drive = await bloodDrive(organization.id, DRIVE, [3, 7], true);
    const other = await bloodDrive(organization.id, OTHER, [3], false);
    driveId = drive.id;
    await signUp(drive.sessions[0]!.slotId, '13700000611', '赵扫码', 1);
    await signUp(drive.sessions[0]!.slotId, '13700000612', '钱无机', 2);
    await signUp(drive.sessions[0]!.slotId, '13700000613', '周离线', 3);
    await signUp(drive.sessions[0]!.slotId, '13700000614', '吴另台', 4);
    await signUp(drive.sessions[1]!.slotId, '13700000615', '李下周', 5);
    await signUp(other.sessions[0]!.slotId, '13700000616', '孙别处', 6);
    // The bus arrives: the first session of each drive is today; the drive's second one stays next week.
    await moveSessionToNow(baseUrl, admin, drive.sessions[0]!.id);
    await moveSessionToNow(baseUrl, admin, other.sessions[0]!.id);

    browser = await launchChromium();
    desk = await openPhone(browser);
    await desk.goto(`${baseUrl}/admin/#/campaigns/${driveId}/check-in`);
    await signIn(desk, VOLUNTEER);
    await desk.getByRole('heading', { name: `签到：${DRIVE}` }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses in red a pass of another campaign and one of another day, naming them', async () => {
    const result = desk.locator('.result');
    await checkInByCode(desk, code('孙别处'));
    await result.locator('.result-title').getByText('不能在这里签到').waitFor();
    expect(await result.getAttribute('class')).toContain('result-bad');
    expect(await result.locator('.result-message').textContent()).toContain(`它属于「${OTHER}」`);
    await expectNoSidewaysScroll(desk);
    await desk.screenshot({ path: `${SHOTS}/desk-wrong-campaign.png`, fullPage: true });

    await checkInByCode(desk, code('李下周'));
    await expect.poll(() => result.locator('.result-message').textContent()).toMatch(/^该报名的场次在 .+，不是今天。/);
    expect(await result.getAttribute('class')).toContain('result-bad');

    // The desk is opened for today's session, listed first.
    const picker = desk.getByLabel('本签到台的场次');
    const labels = await picker.locator('option').allTextContents();
    expect(labels[1]).toMatch(/^【今天】/);
    await picker.selectOption({ label: labels[1]! });
    await expect.poll(() => new URL(desk.url()).hash).toMatch(/\?session=/);
    await checkInByCode(desk, code('李下周'));
    await expect.poll(() => result.locator('.result-message').textContent()).toMatch(/^这不是本场次的报名/);
  });

  it('finds a donor without their phone by the last 4 digits, checks them in, then records the donation', async () => {
    const search = desk.getByRole('search');
    await search.getByLabel('姓名或手机号后 4 位').fill('0612');
    await search.getByRole('button', { name: '查找' }).click();
    const found = search.locator('.found-row');
    await expect.poll(() => found.count()).toBe(1);
    expect(await found.textContent()).toContain('钱无机');
    expect(await found.textContent()).toContain('137****0612');
    expect(await found.textContent()).toContain('已确认');
    await desk.screenshot({ path: `${SHOTS}/desk-search.png`, fullPage: true });
    await found.getByRole('button', { name: '为 钱无机 签到' }).click();

    const result = desk.locator('.result');
    await result.locator('.result-title').getByText('签到成功').waitFor();
    expect(await result.locator('.result-name').textContent()).toBe('钱无机');
    // After the collection: whole blood in three volumes, and platelets, which this drive collects.
    expect(await result.getByRole('button', { name: '登记：机采血小板' }).count()).toBe(1);
    await result.getByRole('button', { name: '登记：全血 300 mL' }).click();
    await result.getByText('已登记献血：全血 300 mL').waitFor();
    await expectNoSidewaysScroll(desk);
    await desk.screenshot({ path: `${SHOTS}/desk-donation.png`, fullPage: true });

    await result.getByRole('button', { name: '下一位' }).click();
    await checkInByCode(desk, code('赵扫码'));
    await result.locator('.result-title').getByText('签到成功').waitFor();
  });

  it('keeps two scans on the device while offline and sends each once when the network returns', async () => {
    await desk.context().setOffline(true);
    await desk.getByText('现在没有网络：签到会先保存在本机，联网后自动发送。').waitFor();
    await checkInByCode(desk, code('周离线'));
    await desk.locator('.result-kept').waitFor();
    await checkInByCode(desk, code('吴另台'));
    const pending = desk.locator('.pending');
    await expect.poll(() => pending.locator('h2').textContent()).toBe('待发送的签到（2）');
    // Only the codes and the desk's scope are kept, no names.
    const kept = await desk.evaluate(() => localStorage.getItem('lifeline.desk.pending') ?? '');
    expect(kept).toContain(code('周离线'));
    expect(kept).not.toContain('周离线');
    await expectNoSidewaysScroll(desk);
    await desk.screenshot({ path: `${SHOTS}/desk-offline.png`, fullPage: true });

    // Meanwhile another desk, online, checks one of them in.
    await postAs(baseUrl, admin, '/api/admin/checkins', { code: code('吴另台'), campaignId: driveId });

    await desk.context().setOffline(false);
    const synced = desk.locator('.synced li');
    await expect.poll(() => synced.count()).toBe(2);
    expect(await synced.nth(0).textContent()).toMatch(/周离线：签到成功$/);
    expect(await synced.nth(1).textContent()).toBe(
      `${code('吴另台').replace(/(.{4})/, '$1 ')}：未签到。此人已经签到过了。`,
    );
    await expect.poll(() => pending.isHidden()).toBe(true);
    expect(await desk.evaluate(() => localStorage.getItem('lifeline.desk.pending'))).toBeNull();
    await desk.screenshot({ path: `${SHOTS}/desk-back-online.png`, fullPage: true });

    // Each sent once: one check-in in the log for the scan kept offline.
    const audit = (await (
      await fetch(`${baseUrl}/api/admin/audit?campaignId=${driveId}&action=registration.check_in&limit=200`, {
        headers: { cookie: admin },
      })
    ).json()) as { items: { target: { id: string } }[] };
    expect(audit.items.filter((item) => item.target.id === people['周离线']!.id)).toHaveLength(1);
    expect(audit.items.filter((item) => item.target.id === people['吴另台']!.id)).toHaveLength(1);
    await desk.context().close();
  });

  it('lets the organizer undo a check-in and its donation from the roster, asking first', async () => {
    const organizer = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    organizer.setDefaultTimeout(8_000);
    organizer.on('pageerror', (error) => {
      throw error;
    });
    await organizer.goto(`${baseUrl}/admin/#/campaigns/${driveId}/roster`);
    await signIn(organizer, ORGANIZER);
    const row = organizer.locator('.roster-table tbody tr').filter({ hasText: '钱无机' });
    await row.waitFor();
    expect(await row.textContent()).toContain('全血 300 mL');
    expect(await organizer.locator('.roster-table thead th').allTextContents()).toContain('出生年份');

    await row.getByRole('button', { name: '撤销签到' }).click();
    const dialog = organizer.getByRole('dialog');
    expect(await dialog.textContent()).toContain('已登记的献血记录也会一并删除');
    await dialog.getByLabel('登记错了').check();
    await organizer.screenshot({ path: `${SHOTS}/roster-undo-dialog-desktop.png` });
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => row.locator('.status-badge').textContent()).toBe('已确认');
    expect(await row.textContent()).not.toContain('全血 300 mL');
    expect(await row.getByRole('button', { name: '代为取消报名' }).count()).toBe(1);

    const roster = (await (
      await fetch(`${baseUrl}/api/admin/campaigns/${driveId}/registrations`, { headers: { cookie: admin } })
    ).json()) as { items: { id: string; status: string; donation: unknown }[] };
    expect(roster.items.find((item) => item.id === people['钱无机']!.id)).toMatchObject({
      status: 'confirmed',
      donation: null,
    });

    // The log says it in words: who, to whom, from what to what, and why.
    await organizer.goto(`${baseUrl}/admin/#/audit`);
    await organizer.getByLabel('活动').selectOption({ label: DRIVE });
    await organizer.getByLabel('操作').selectOption('registration.correct');
    await organizer.getByRole('button', { name: '筛选' }).click();
    const entry = organizer.locator('.audit-row').first();
    await expect.poll(() => entry.textContent()).toContain(`报名：钱无机 · ${code('钱无机')}`);
    const text = (await entry.textContent())!;
    for (const words of [
      '更正报名状态',
      ORGANIZER.email,
      `所属：${DRIVE}`,
      '原状态：已签到',
      '新状态：已确认',
      '原因：登记错了',
    ])
      expect(text).toContain(words);
    await organizer.getByLabel('工作人员').selectOption({ label: VOLUNTEER.email });
    await organizer.getByLabel('操作').selectOption('donation.record');
    await organizer.getByRole('button', { name: '筛选' }).click();
    await expect.poll(() => organizer.locator('.audit-row').first().textContent()).toContain('类型：全血');
    expect(await organizer.locator('.audit-row').first().textContent()).toContain('血量：300 mL');
    await organizer.screenshot({ path: `${SHOTS}/audit-in-words-desktop.png`, fullPage: true });
    await organizer.close();
  });

  it('shows 25 rows and more at 1280×800, and scrolls only the table sideways on a phone', async () => {
    const organizer = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    organizer.setDefaultTimeout(8_000);
    // A big drive: the first page of a real roster, its rows repeated to forty.
    await organizer.route('**/registrations?*', async (route) => {
      const answer = await route.fetch();
      const { items } = (await answer.json()) as { items: { id: string; code: string }[] };
      const many = Array.from({ length: 40 }, (_, n) => ({ ...items[n % items.length]!, id: `row-${n}` }));
      await route.fulfill({ response: answer, json: { items: many, nextCursor: null } });
    });
    await organizer.goto(`${baseUrl}/admin/#/campaigns/${driveId}/roster`);
    await signIn(organizer, ORGANIZER);
    const table = organizer.locator('.roster-table');
    await table.waitFor();
    await table.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    const visible = await organizer.locator('.roster-table tbody tr').evaluateAll(
      (rows) =>
        rows.filter((row) => {
          const box = row.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        }).length,
    );
    expect(visible).toBeGreaterThanOrEqual(25);
    await organizer.screenshot({ path: `${SHOTS}/roster-desk-1280x800.png` });

    await organizer.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(organizer);
    const scroller = organizer.locator('.roster-scroll');
    expect(await scroller.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    await organizer.evaluate(() => window.scrollTo(0, 0));
    await organizer.screenshot({ path: `${SHOTS}/roster-390.png`, fullPage: true });
    await organizer.close();
  });
});
