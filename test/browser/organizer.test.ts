// The organizer pages (/admin/): an organizer signs in, creates a blood drive and a session,
// changes a slot's seats; citizens sign up; a check-in volunteer on a phone types their codes
// and sees each answer in plain words; the organizer undoes a mistaken check-in, filters the
// roster, downloads its CSV, reads the statistics and runs a quiz's question import.
import { readFileSync } from 'node:fs';
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
const ORGANIZER = { email: `organizer-${run}@blood.example`, password: 'organizer-password' };
const VOLUNTEER = { email: `desk-${run}@blood.example`, password: 'volunteer-password' };
const TITLE = `社区献血日 ${run}`;

/** A valid ID number of a man born 1990-03-07, one per `n`. */
const idNumber = (n: number) => {
  const body = `37150219900307${String(100 + n * 2 + 1).slice(-3)}`;
  return body + checkCharacter(body);
};

interface Registration {
  id: string;
  code: string;
}

describe.skipIf(!baseUrl)('the organizer pages', () => {
  let browser: Browser;
  let organizer: Page;
  let admin: string;
  let campaignId: string;
  let slotId: string;
  let sessionId: string;
  const signUps: Registration[] = [];

  async function signIn(page: Page, who: { email: string; password: string }) {
    await page.getByLabel('邮箱').fill(who.email);
    await page.getByLabel('密码').fill(who.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
  }

  /** A citizen signs up for the drive's slot through the API. */
  async function citizenSignsUp(phone: string, name: string, n: number) {
    const cookie = await citizenLogin(baseUrl, phone);
    const { registration } = await postAs<{ registration: Registration }>(
      baseUrl,
      cookie,
      `/api/slots/${slotId}/registrations`,
      {
        name,
        idNumber: idNumber(n),
        weightKg: 65,
      },
    );
    return { ...registration, cookie };
  }

  beforeAll(async () => {
    admin = await adminLogin(baseUrl);
    const { organization } = await postAs<{ organization: { id: string } }>(
      baseUrl,
      admin,
      '/api/admin/organizations',
      { name: `东昌府区献血点 ${run}`, kind: 'blood_centre' },
    );
    await postAs(baseUrl, admin, '/api/admin/staff', {
      ...ORGANIZER,
      role: 'organizer',
      organizationId: organization.id,
    });
    await postAs(baseUrl, admin, '/api/admin/staff', {
      ...VOLUNTEER,
      role: 'checkin',
      organizationId: organization.id,
    });
    browser = await launchChromium();
    organizer = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    organizer.setDefaultTimeout(8_000); // a missing element fails its step, not the whole test's time
    organizer.on('pageerror', (error) => {
      throw error;
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs an organizer in and lists their campaigns', async () => {
    await organizer.goto(`${baseUrl}/admin/`);
    await organizer.getByRole('heading', { name: '组织者登录' }).waitFor();
    await organizer.screenshot({ path: `${SHOTS}/admin-sign-in.png`, fullPage: true });

    await signIn(organizer, { ...ORGANIZER, password: 'wrong-password' });
    await expect.poll(() => organizer.locator('.form-message-error').textContent()).toMatch(/邮箱或密码/);

    await organizer.getByLabel('密码').fill(ORGANIZER.password);
    await organizer.getByRole('button', { name: '登录', exact: true }).click();
    await organizer.getByRole('heading', { name: '活动管理' }).waitFor();
    expect(await organizer.locator('#who').textContent()).toContain(`${ORGANIZER.email}（组织者）`);
    expect(await organizer.getByText('还没有活动。').count()).toBe(1);
  });

  it('creates a blood drive, adds a session with slots and changes a slot’s seats', async () => {
    await organizer.getByRole('link', { name: '新建活动' }).click();
    await organizer.getByRole('heading', { name: '新建活动' }).waitFor();
    await organizer.getByRole('button', { name: '创建活动' }).click();
    expect(
      await organizer.locator('.field').filter({ hasText: '活动名称' }).locator('.field-error').textContent(),
    ).toBe('此项为必填项。');

    await organizer.getByLabel('活动类型').selectOption('blood_drive');
    await organizer.getByLabel('活动名称').fill(TITLE);
    await organizer.getByLabel('一句话简介').fill('献血车开进社区，欢迎街坊邻居。');
    await organizer.getByLabel('开始日期').fill(chinaTime(10, '00:00').slice(0, 10));
    await organizer.getByLabel('结束日期').fill(chinaTime(3, '00:00').slice(0, 10)); // before the start
    await organizer.getByLabel('状态').selectOption('published');
    await organizer.getByRole('button', { name: '创建活动' }).click();
    // The API's field issue lands under the field it names, in Chinese.
    await expect
      .poll(() => organizer.locator('.field').filter({ hasText: '结束日期' }).locator('.field-error').isVisible())
      .toBe(true);

    await organizer.getByLabel('结束日期').fill(chinaTime(12, '00:00').slice(0, 10));
    await organizer.getByRole('button', { name: '创建活动' }).click();
    await organizer.getByRole('heading', { name: TITLE }).waitFor();
    campaignId = decodeURIComponent(new URL(organizer.url()).hash.split('/')[2]!);

    await organizer.getByRole('link', { name: '编辑活动' }).click();
    expect(await organizer.getByLabel('活动名称').inputValue()).toBe(TITLE);
    await organizer.getByLabel('一句话简介').fill('献血车开进社区，欢迎街坊邻居。献血后请多喝水。');
    // The drive's own question: a choice with one option is caught next to its options.
    await organizer.getByRole('button', { name: '添加问题' }).click();
    await organizer.getByLabel('问题', { exact: true }).fill('献血后需要休息的地方吗');
    await organizer.getByLabel('回答方式').selectOption('choice');
    await organizer.getByLabel('选项').fill('需要');
    await organizer.getByRole('button', { name: '保存', exact: true }).click();
    const options = organizer.locator('div.field').filter({ has: organizer.getByLabel('选项') });
    await expect.poll(() => options.locator('.field-error').textContent()).toBe('选择题需要 2–20 个选项。');
    await organizer.screenshot({ path: `${SHOTS}/admin-campaign-edit-desktop.png`, fullPage: true });
    await organizer.getByLabel('选项').fill('需要\n不需要');
    await organizer.getByRole('button', { name: '保存', exact: true }).click();
    await organizer.getByText('献血车开进社区，欢迎街坊邻居。献血后请多喝水。').waitFor();

    const form = organizer.locator('form').filter({ has: organizer.getByRole('heading', { name: '添加场次' }) });
    await form.getByLabel('开始时间').fill(chinaTime(10, '08:30').slice(0, 16));
    await form.getByLabel('结束时间').fill(chinaTime(10, '16:30').slice(0, 16));
    await form.getByLabel('地点名称').fill('柳园街道献血车');
    await form.getByLabel('详细地址').fill('东昌府区柳园南路 8 号');
    await form.getByLabel('项目名称').fill('献血者');
    await form.getByLabel('名额').fill('2');
    await form.getByRole('button', { name: '再加一个项目' }).click();
    await form.getByLabel('项目名称').nth(1).fill('献血者'); // the same name twice: the API refuses
    await form.getByRole('button', { name: '添加场次' }).click();
    await expect.poll(() => form.locator('.form-message-error').isVisible()).toBe(true);
    await form.getByRole('button', { name: '删除第 2 个项目' }).click();
    await form.getByRole('button', { name: '添加场次' }).click();
    await organizer.getByText('场次已添加。').waitFor();
    const slot = organizer.locator('.admin-slot').filter({ hasText: '献血者' });
    expect(await slot.locator('.slot-line').textContent()).toBe('献血者：已确认 0 / 名额 2');

    await slot.getByLabel('“献血者”的名额').fill('4');
    await slot.getByRole('button', { name: '保存“献血者”的设置' }).click();
    await expect.poll(() => slot.locator('.slot-line').textContent()).toBe('献血者：已确认 0 / 名额 4');
    expect(await slot.locator('.form-message-ok').textContent()).toBe('已保存。');
    await organizer.screenshot({ path: `${SHOTS}/admin-campaign-desktop.png`, fullPage: true });

    const { campaign } = (await (
      await fetch(`${baseUrl}/api/admin/campaigns/${campaignId}`, { headers: { cookie: admin } })
    ).json()) as {
      campaign: {
        kind: string;
        status: string;
        questions: unknown[];
        sessions: { id: string; slots: { id: string; capacity: number }[] }[];
      };
    };
    expect(campaign).toMatchObject({
      kind: 'blood_drive',
      status: 'published',
      questions: [
        { key: 'q1', label: '献血后需要休息的地方吗', type: 'choice', required: false, options: ['需要', '不需要'] },
      ],
    });
    expect(campaign.sessions[0]!.slots).toMatchObject([{ capacity: 4 }]);
    slotId = campaign.sessions[0]!.slots[0]!.id;
    sessionId = campaign.sessions[0]!.id;
  });

  it('lets a check-in volunteer on a phone type codes and see each answer in plain words', async () => {
    signUps.push(
      await citizenSignsUp('13700000101', '王献血', 1),
      await citizenSignsUp('13700000102', '李取消', 2),
      await citizenSignsUp('13700000103', '张误签', 3),
    );
    await postAs(
      baseUrl,
      (signUps[1] as Registration & { cookie: string }).cookie,
      `/api/registrations/${signUps[1]!.id}/cancel`,
      {},
    );
    // The desk checks a pass in only on its session's day: the bus arrives today.
    await moveSessionToNow(baseUrl, admin, sessionId);

    const desk = await openPhone(browser);
    await desk.goto(`${baseUrl}/admin/#/campaigns/${campaignId}/check-in`);
    await signIn(desk, VOLUNTEER);
    await desk.getByRole('heading', { name: `签到：${TITLE}` }).waitFor();
    await desk.screenshot({ path: `${SHOTS}/admin-check-in-desk.png`, fullPage: true });

    // This Chromium has no camera: the desk says so in words and the code can still be typed.
    await desk.getByRole('button', { name: '扫描二维码' }).click();
    await expect
      .poll(() => desk.locator('.desk .form-message-error').textContent())
      .toMatch(/^(无法使用摄像头|这台设备没有可用的摄像头|摄像头打开失败)/);
    expect(await desk.locator('.camera-box').isHidden()).toBe(true);

    // Lower case with a space, as read aloud.
    const code = signUps[0]!.code;
    await desk.getByLabel('预约码').fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`);
    await desk.getByRole('button', { name: '签到', exact: true }).click();
    const result = desk.locator('.result');
    await result.locator('.result-title').getByText('签到成功').waitFor();
    expect(await result.locator('.result-name').textContent()).toBe('王献血');
    expect(await result.textContent()).toContain('献血者');
    expect(await result.textContent()).toContain('柳园街道献血车');
    expect(await result.getByRole('button', { name: '撤销这次签到' }).count()).toBe(0); // volunteers cannot undo
    // The donation is its own step after the collection; this drive collects no platelets.
    expect(await result.getByRole('button', { name: '登记：机采血小板' }).count()).toBe(0);
    await result.getByRole('button', { name: '登记：全血 400 mL' }).click();
    await result.getByText('已登记献血：全血 400 mL').waitFor();
    await expectNoSidewaysScroll(desk);
    await desk.screenshot({ path: `${SHOTS}/admin-check-in-ok.png`, fullPage: true });

    await result.getByRole('button', { name: '下一位' }).click();
    expect(await desk.getByLabel('预约码').inputValue()).toBe('');

    await desk.getByLabel('预约码').fill(code);
    await desk.getByRole('button', { name: '签到', exact: true }).click();
    await result.locator('.result-title').getByText('已经签到过').waitFor();
    expect(await result.getAttribute('class')).toContain('result-warn');
    await desk.screenshot({ path: `${SHOTS}/admin-check-in-already.png`, fullPage: true });

    await desk.getByLabel('预约码').fill(signUps[1]!.code);
    await desk.getByRole('button', { name: '签到', exact: true }).click();
    await result.locator('.result-title').getByText('报名已取消').waitFor();
    expect(await result.getAttribute('class')).toContain('result-bad');

    await desk.getByLabel('预约码').fill('ZZZZ2222');
    await desk.getByRole('button', { name: '签到', exact: true }).click();
    await result.locator('.result-title').getByText('查无此码').waitFor();
    await desk.screenshot({ path: `${SHOTS}/admin-check-in-unknown.png`, fullPage: true });

    await desk.getByLabel('预约码').fill('?');
    await desk.getByRole('button', { name: '签到', exact: true }).click();
    expect(await desk.locator('.field').filter({ hasText: '预约码' }).locator('.field-error').textContent()).toBe(
      '请输入报名凭证上的预约码。',
    );

    // The volunteer sees the numbers but not the roster.
    await desk.goto(`${baseUrl}/admin/#/campaigns/${campaignId}`);
    await desk.getByRole('link', { name: '统计' }).waitFor();
    expect(await desk.getByRole('link', { name: '报名名单' }).count()).toBe(0);
    expect(await desk.getByRole('button', { name: '保存“献血者”的设置' }).count()).toBe(0);
    expect(await desk.getByText('献血者：已确认 2 / 名额 4').count()).toBe(1);
    await desk.goto(`${baseUrl}/admin/#/campaigns/${campaignId}/roster`);
    await desk.getByText('您的账号不能使用这个页面。').waitFor();

    await desk.getByRole('button', { name: 'English' }).click();
    await desk.getByRole('link', { name: 'Check-in', exact: true }).first().click();
    await desk.getByRole('link', { name: `${TITLE} (Blood drive)` }).click();
    await desk.getByLabel('Booking code').fill('ZZZZ2222');
    await desk.getByRole('button', { name: 'Check in', exact: true }).click();
    await desk.locator('.result-title').getByText('Unknown code').waitFor();
    await expectNoSidewaysScroll(desk);
    await desk.screenshot({ path: `${SHOTS}/admin-check-in-en.png`, fullPage: true });
    await desk.getByRole('button', { name: '中文' }).click();
    await desk.context().close();
  });

  it('lets the organizer undo a mistaken check-in', async () => {
    const desk = await openPhone(browser);
    await desk.goto(`${baseUrl}/admin/#/campaigns/${campaignId}/check-in`);
    await signIn(desk, ORGANIZER);
    await desk.getByLabel('预约码').fill(signUps[2]!.code);
    await desk.getByRole('button', { name: '签到', exact: true }).click();
    const result = desk.locator('.result');
    await result.getByText('张误签').waitFor();
    await result.getByRole('button', { name: '撤销这次签到' }).click();
    // A dialog says what will happen and asks why before anything changes.
    const dialog = desk.getByRole('dialog');
    expect(await dialog.textContent()).toContain('张误签 的签到将被撤销');
    await dialog.getByRole('button', { name: '确定' }).click();
    await result.locator('.result-title').getByText('已撤销签到').waitFor();
    expect(await result.textContent()).toContain('已撤销 张误签 的签到');
    await desk.screenshot({ path: `${SHOTS}/admin-check-in-undone.png`, fullPage: true });
    await desk.context().close();

    const roster = (await (
      await fetch(`${baseUrl}/api/admin/campaigns/${campaignId}/registrations`, { headers: { cookie: admin } })
    ).json()) as {
      items: { code: string; status: string }[];
    };
    expect(roster.items.find((item) => item.code === signUps[2]!.code)?.status).toBe('confirmed');
    expect(roster.items.find((item) => item.code === signUps[0]!.code)?.status).toBe('checked_in');
  });

  it('shows the roster with filters and downloads it as CSV', async () => {
    await organizer.goto(`${baseUrl}/admin/#/campaigns/${campaignId}`);
    await organizer.getByRole('link', { name: '报名名单' }).click();
    await organizer.getByRole('heading', { name: '报名名单' }).waitFor();
    const rows = organizer.locator('.roster-table tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await organizer.getByRole('button', { name: '加载更多' }).isHidden()).toBe(true);

    // Pages of two instead of fifty: the API's real cursor brings the third row.
    await organizer.route('**/registrations?*', (route) =>
      route.continue({ url: route.request().url().replace('limit=50', 'limit=2') }),
    );
    await organizer.getByRole('button', { name: '刷新名单' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    await organizer.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => rows.count()).toBe(3);
    expect(await organizer.getByText('已显示 3 条').count()).toBe(1);
    expect(await organizer.getByRole('button', { name: '加载更多' }).isHidden()).toBe(true);
    await organizer.unroute('**/registrations?*');
    await organizer.getByLabel('状态').selectOption('checked_in');
    await organizer.getByRole('button', { name: '筛选' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.textContent()).toContain('王献血');
    expect(new URL(organizer.url()).hash).toBe(`#/campaigns/${campaignId}/roster?status=checked_in`);
    await organizer.screenshot({ path: `${SHOTS}/admin-roster-desktop.png`, fullPage: true });

    const [download] = await Promise.all([
      organizer.waitForEvent('download'),
      organizer.getByRole('link', { name: '导出 CSV' }).click(),
    ]);
    expect(download.url()).toBe(`${baseUrl}/api/admin/campaigns/${campaignId}/registrations.csv?status=checked_in`);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]!.startsWith('预约码,状态,姓名,手机号,身份证号,血型')).toBe(true);
    expect(lines[1]).toContain('王献血');
    expect(lines[1]).toContain('13700000101'); // in full in the export
    expect(lines.filter(Boolean)).toHaveLength(2);
    expect(await organizer.getByRole('link', { name: '导出 Excel' }).getAttribute('href')).toBe(
      `/api/admin/campaigns/${campaignId}/registrations.xlsx?status=checked_in`,
    );
  });

  it('shows the statistics with its charts', async () => {
    await organizer.goto(`${baseUrl}/admin/#/campaigns/${campaignId}/stats`);
    await organizer.getByRole('heading', { name: '统计' }).waitFor();
    const tiles = await organizer.locator('.tile').allTextContents();
    expect(tiles[0]).toBe('3报名总数');
    expect(tiles[1]).toBe('1已签到');
    const byStatus = organizer.locator('figure').filter({ hasText: '按状态' });
    expect(await byStatus.locator('.bar-row').allTextContents()).toEqual([
      '已确认1',
      '已签到1',
      '候补中0',
      '未到场0',
      '已取消1',
    ]);
    const byBlood = organizer.locator('figure').filter({ hasText: '按血型' });
    expect(await byBlood.locator('.bar-row').count()).toBeGreaterThan(0);
    expect(await organizer.locator('svg.columns rect.column').count()).toBe(1); // one day of sign-ups
    expect(await organizer.getByText('献血登记：全血 1 · 机采血小板 0').count()).toBe(1);
    await organizer.screenshot({ path: `${SHOTS}/admin-stats-desktop.png`, fullPage: true });

    const phone = await openPhone(browser);
    await phone.goto(`${baseUrl}/admin/`);
    await signIn(phone, ORGANIZER);
    await phone.getByRole('heading', { name: '活动管理' }).waitFor();
    await phone.screenshot({ path: `${SHOTS}/admin-campaigns.png`, fullPage: true });
    for (const [path, ready, name] of [
      [`/campaigns/${campaignId}`, '.admin-slot', 'admin-campaign'],
      [`/campaigns/${campaignId}/roster`, '.roster-table', 'admin-roster'],
      [`/campaigns/${campaignId}/stats`, '.tile', 'admin-stats'],
    ] as const) {
      await phone.goto(`${baseUrl}/admin/#${path}`);
      await phone.locator(ready).first().waitFor();
      await expectNoSidewaysScroll(phone);
      await phone.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    }
    // The narrowest phone, with the text at 200 %.
    await phone.setViewportSize({ width: 320, height: 640 });
    for (const [path, ready, name] of [
      [`/campaigns/${campaignId}`, '.admin-slot', 'admin-campaign-320-200'],
      [`/campaigns/${campaignId}/check-in`, '.code-input', 'admin-check-in-320-200'],
      [`/campaigns/${campaignId}/stats`, '.tile', 'admin-stats-320-200'],
    ] as const) {
      await phone.goto(`${baseUrl}/admin/#${path}`);
      await phone.locator(ready).first().waitFor();
      await phone.evaluate(() => (document.documentElement.style.fontSize = '200%'));
      await expectNoSidewaysScroll(phone);
      await phone.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    }
    await phone.context().close();
  });

  it('imports quiz questions from a file, shows the rejected lines, and lists the finalists', async () => {
    const organizerCookie = await (async () => {
      const response = await fetch(`${baseUrl}/api/admin/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ORGANIZER),
      });
      return response.headers
        .getSetCookie()
        .map((cookie) => cookie.split(';')[0])
        .join('; ');
    })();
    const { campaign } = await postAs<{ campaign: { id: string } }>(baseUrl, organizerCookie, '/api/admin/campaigns', {
      kind: 'quiz',
      title: `急救知识竞赛 ${run}`,
      description: '',
      startsOn: chinaTime(0, '00:00').slice(0, 10),
      endsOn: chinaTime(20, '00:00').slice(0, 10),
      status: 'published',
    });
    await organizer.goto(`${baseUrl}/admin/#/campaigns/${campaign.id}`);
    await organizer.getByRole('link', { name: '答题管理' }).click();
    await organizer.getByRole('button', { name: '创建赛季' }).click();
    await organizer.getByRole('heading', { name: '导入题目' }).waitFor();

    const csv = [
      'type,stem,option_a,option_b,option_c,option_d,answers,explanation,category',
      'single,成人心肺复苏按压深度是多少？,3 厘米,5–6 厘米,8 厘米,10 厘米,B,至少 5 厘米不超过 6 厘米,急救',
      'single,这行没有答案,甲,乙,,,,,',
      'truefalse,发现有人倒地应先确认环境安全,对,错,,,A,,急救',
    ].join('\r\n');
    await organizer
      .getByLabel('题目文件（CSV 或 JSON）')
      .setInputFiles({ name: 'questions.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`) });
    await organizer.getByRole('button', { name: '导入' }).click();
    await organizer.getByText('成功导入 2 道题。').waitFor();
    expect(await organizer.locator('.rejected h3').textContent()).toBe('1 行未导入：');
    expect(await organizer.locator('.rejected-lines li strong').allTextContents()).toEqual(['第 3 行']);
    await organizer.screenshot({ path: `${SHOTS}/admin-quiz-desktop.png`, fullPage: true });

    await organizer
      .getByLabel('题目文件（CSV 或 JSON）')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await organizer.getByRole('button', { name: '导入' }).click();
    expect(
      await organizer.locator('.field').filter({ hasText: '题目文件' }).locator('.field-error').textContent(),
    ).toBe('只支持 .csv 或 .json 文件。');

    await organizer.getByRole('button', { name: '查看名单' }).click();
    await organizer.getByText('还没有人答题。').waitFor();
    expect(await organizer.getByRole('link', { name: '下载 CSV' }).getAttribute('href')).toMatch(
      /^\/api\/admin\/quiz\/seasons\/[^/]+\/finalists\.csv\?top=10$/,
    );
  });

  it('finds emergency donors by blood type and district, and counts a call-out before sending it', async () => {
    const donor = await citizenLogin(baseUrl, '13700000104');
    const profile = await fetch(`${baseUrl}/api/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: donor },
      body: JSON.stringify({ name: '赵应急', bloodType: 'AB', district: '茌平区', emergencyDonor: true }),
    });
    expect(profile.status).toBe(200);

    await organizer.goto(`${baseUrl}/admin/#/`);
    await organizer.getByRole('link', { name: '应急献血者' }).click();
    await organizer.getByRole('heading', { name: '应急献血者' }).waitFor();
    await organizer.getByRole('button', { name: '查找' }).click();
    expect(await organizer.locator('div.field').filter({ hasText: '血型' }).locator('.field-error').textContent()).toBe(
      '此项为必填项。',
    );
    await organizer.getByLabel('血型').selectOption('AB');
    await organizer.getByLabel('区县').selectOption('茌平区');
    await organizer.getByRole('button', { name: '查找' }).click();
    const row = organizer.locator('.roster-row').filter({ hasText: '赵应急' });
    await row.waitFor();
    expect(await row.textContent()).toContain('137****0104'); // masked on screen
    expect(await organizer.getByRole('link', { name: '导出 CSV' }).getAttribute('href')).toBe(
      `/api/admin/emergency-donors.csv?${new URLSearchParams({ bloodType: 'AB', district: '茌平区' })}`,
    );

    const callout = organizer.locator('form').filter({ has: organizer.getByRole('heading', { name: '短信呼吁' }) });
    await callout.getByLabel('短信内容').fill('聊城市中心血站急需 AB 型血，请方便时到东昌府区献血点献血。');
    await callout.getByRole('button', { name: '先算一算能通知多少人' }).click();
    await expect
      .poll(() => callout.locator('.form-message-ok').textContent())
      .toMatch(/^符合条件 [1-9]\d* 人，本周还可通知 [1-9]\d* 人。尚未发送。$/);
    organizer.once('dialog', (dialog) => void dialog.accept());
    await callout.getByRole('button', { name: '发送短信' }).click();
    await expect.poll(() => callout.locator('.form-message-ok').textContent()).toMatch(/^已安排发送给 [1-9]\d* 人。$/);
    await organizer.screenshot({ path: `${SHOTS}/admin-emergency-donors-desktop.png`, fullPage: true });
  });

  it('signs out, and the pages ask to sign in again', async () => {
    await organizer.getByRole('button', { name: '退出登录' }).click();
    await organizer.getByRole('heading', { name: '组织者登录' }).waitFor();
    await expect.poll(() => organizer.locator('#sections').isHidden()).toBe(true);
    await organizer.goto(`${baseUrl}/admin/#/campaigns/${campaignId}/roster`);
    await organizer.getByRole('heading', { name: '组织者登录' }).waitFor();
    expect(new URL(organizer.url()).hash).toBe(
      `#/sign-in?next=${encodeURIComponent(`/campaigns/${campaignId}/roster`)}`,
    );
  });
});
