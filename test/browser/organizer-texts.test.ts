// The organizer pages around texts: an organizer moves one session and cancels another, then
// watches the texts to the people signed up go out (the local queue sends them to the console),
// sets the hour of tomorrow's reminders and opens an account for a check-in volunteer, who signs
// in; a platform admin reads all of it in the audit log.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { adminLogin, chinaTime, citizenLogin, expectNoSidewaysScroll, openPhone, postAs, SHOTS } from './citizen.ts';

const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
const ORGANIZER = { email: `texts-${run}@clinic.example`, password: 'organizer-password' };
const VOLUNTEER = { email: `texts-desk-${run}@clinic.example`, password: 'volunteer-password' };
const TITLE = `社区义诊 ${run}`;
const MOVED = { from: '社区卫生服务中心', to: '街道文化站' };
const CANCELLED = '老年活动中心';

describe.skipIf(!baseUrl)('the organizer pages for texts, staff and the audit log', () => {
  let browser: Browser;
  let organizer: Page;
  let campaignId: string;

  async function signIn(page: Page, who: { email: string; password: string }) {
    await page.getByLabel('邮箱').fill(who.email);
    await page.getByLabel('密码').fill(who.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
  }

  /** The texts of one kind, as the texts page lists them after a fresh load. */
  async function textRows(page: Page, kind: string) {
    await page.goto(`${baseUrl}/admin/#/texts?kind=${kind}`);
    await page.reload(); // the same address again draws nothing new by itself
    await page.getByRole('heading', { name: '短信通知' }).waitFor();
    await page.locator('.tiles').waitFor();
    return page.locator('.notification-row').allTextContents();
  }

  beforeAll(async () => {
    const admin = await adminLogin(baseUrl);
    const { organization } = await postAs<{ organization: { id: string } }>(
      baseUrl,
      admin,
      '/api/admin/organizations',
      { name: `柳园社区卫生服务中心 ${run}`, kind: 'health_centre' },
    );
    await postAs(baseUrl, admin, '/api/admin/staff', {
      ...ORGANIZER,
      role: 'organizer',
      organizationId: organization.id,
    });
    const login = await fetch(`${baseUrl}/api/admin/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ORGANIZER),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const { campaign } = await postAs<{ campaign: { id: string } }>(baseUrl, cookie, '/api/admin/campaigns', {
      kind: 'outreach',
      title: TITLE,
      description: '',
      startsOn: chinaTime(5, '00:00').slice(0, 10),
      endsOn: chinaTime(9, '00:00').slice(0, 10),
      status: 'published',
    });
    campaignId = campaign.id;
    for (const [day, venue] of [
      [5, MOVED.from],
      [6, CANCELLED],
    ] as const) {
      await postAs(baseUrl, cookie, `/api/admin/campaigns/${campaignId}/sessions`, {
        startsAt: chinaTime(day, '09:00'),
        endsAt: chinaTime(day, '11:30'),
        venue,
        address: '东昌府区柳园南路 8 号',
        slots: [{ role: '居民', capacity: 30 }],
      });
    }
    const { campaign: full } = (await (
      await fetch(`${baseUrl}/api/admin/campaigns/${campaignId}`, { headers: { cookie } })
    ).json()) as {
      campaign: { sessions: { venue: string; slots: { id: string }[] }[] };
    };
    const slotOf = (venue: string) => full.sessions.find((session) => session.venue === venue)!.slots[0]!.id;
    // Two people for the session that moves, one for the one that is cancelled.
    for (const [phone, name, venue] of [
      ['13700000301', '孙居民', MOVED.from],
      ['13700000302', '周居民', MOVED.from],
      ['13700000303', '吴居民', CANCELLED],
    ] as const) {
      await postAs(baseUrl, await citizenLogin(baseUrl, phone), `/api/slots/${slotOf(venue)}/registrations`, {
        name,
      });
    }

    browser = await launchChromium();
    organizer = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    organizer.setDefaultTimeout(8_000);
    organizer.on('pageerror', (error) => {
      throw error;
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('moves one session and cancels another, each with its own confirmation', async () => {
    // A second screen of the same organizer, left open on the campaign since before the changes.
    const stale = await openPhone(browser);
    await stale.goto(`${baseUrl}/admin/#/campaigns/${campaignId}`);
    await signIn(stale, ORGANIZER);
    await stale.locator('.session').filter({ hasText: CANCELLED }).waitFor();

    await organizer.goto(`${baseUrl}/admin/#/campaigns/${campaignId}`);
    await signIn(organizer, ORGANIZER);
    await organizer.getByRole('heading', { name: TITLE }).waitFor();
    expect(await organizer.locator('#who').textContent()).toContain(`柳园社区卫生服务中心 ${run}`);

    const moving = organizer.locator('.session').filter({ hasText: MOVED.from });
    await moving.getByText('修改时间或地点').click();
    await moving.getByRole('button', { name: '保存修改' }).click();
    expect(await moving.locator('.form-message-error').textContent()).toBe('没有修改任何内容。');
    // Ending before it starts: the API's issue lands under the end time.
    await moving.getByLabel('结束时间').fill(chinaTime(5, '08:00').slice(0, 16));
    await moving.getByRole('button', { name: '保存修改' }).click();
    await expect
      .poll(() => moving.locator('.field').filter({ hasText: '结束时间' }).locator('.field-error').isVisible())
      .toBe(true);

    await moving.getByLabel('开始时间').fill(chinaTime(5, '14:00').slice(0, 16));
    await moving.getByLabel('结束时间').fill(chinaTime(5, '16:30').slice(0, 16));
    await moving.getByLabel('地点名称').fill(MOVED.to);
    await organizer.screenshot({ path: `${SHOTS}/admin-session-change-desktop.png`, fullPage: true });
    await moving.getByRole('button', { name: '保存修改' }).click();
    const moved = organizer.locator('.session').filter({ hasText: MOVED.to });
    await moved.getByText('已保存，报名者会收到短信通知。').waitFor();
    expect(await moved.locator('.venue').textContent()).toBe(
      `${chinaTime(5, '14:00').slice(0, 16).replace('T', ' ')}–16:30 · ${MOVED.to}`,
    );
    expect(await organizer.evaluate(() => document.activeElement?.textContent)).toBe('已保存，报名者会收到短信通知。');

    const cancelling = organizer.locator('.session').filter({ hasText: CANCELLED });
    await cancelling.getByText('修改时间或地点').click();
    let asked = '';
    organizer.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss(); // changed their mind: nothing happens
    });
    await cancelling.getByRole('button', { name: '取消这个场次' }).click();
    expect(asked).toContain('1 位报名者（含候补）都会收到取消短信');
    expect(await cancelling.locator('.status-badge').count()).toBe(0);
    organizer.once('dialog', (dialog) => void dialog.accept());
    await cancelling.getByRole('button', { name: '取消这个场次' }).click();
    await cancelling.locator('.status-badge').getByText('已取消').waitFor();
    expect(await cancelling.getByRole('button', { name: '保存“居民”的设置' }).count()).toBe(0);

    // Drawn from the API again, both stay as they are now.
    await organizer.reload();
    await organizer.getByRole('heading', { name: TITLE }).waitFor();
    expect(await organizer.locator('.session-cancelled').count()).toBe(1);
    expect(await organizer.locator('.session-cancelled').textContent()).toContain(CANCELLED);
    expect(await organizer.locator('.session-cancelled').textContent()).toMatch(/已于 \d{4}-\d\d-\d\d \d\d:\d\d 取消/);
    expect(await organizer.locator('.session').filter({ hasText: MOVED.to }).count()).toBe(1);
    await organizer.screenshot({ path: `${SHOTS}/admin-campaign-changes-desktop.png`, fullPage: true });

    // The stale screen learns of the cancellation from the API, in words by the action; offline,
    // it says so and the same button tries again.
    const late = stale.locator('.session').filter({ hasText: CANCELLED });
    await late.getByText('修改时间或地点').click();
    await late.getByLabel('地点名称').fill('社区广场');
    await stale.context().setOffline(true);
    await late.getByRole('button', { name: '保存修改' }).click();
    await expect.poll(() => late.locator('.form-message-error').textContent()).toBe('网络连接失败，请检查网络后重试。');
    await stale.context().setOffline(false);
    await late.getByRole('button', { name: '保存修改' }).click();
    await expect.poll(() => late.locator('.form-message-error').textContent()).toBe('该场次已取消。');
    await expectNoSidewaysScroll(stale);
    await stale.screenshot({ path: `${SHOTS}/admin-session-change-refused.png`, fullPage: true });
    await stale.context().close();
  });

  it('lists the texts those changes sent, by state and kind, and sets the reminder hour', async () => {
    // The local queue consumer sends them to the console: each becomes "sent".
    await expect
      .poll(async () => (await textRows(organizer, 'session_changed')).filter((row) => row.includes('已发送')).length, {
        timeout: 120_000,
        interval: 1_000,
      })
      .toBe(2);
    await expect
      .poll(
        async () => (await textRows(organizer, 'session_cancelled')).filter((row) => row.includes('已发送')).length,
        { timeout: 120_000, interval: 1_000 },
      )
      .toBe(1);
    const row = organizer.locator('.notification-row');
    expect(await row.textContent()).toContain('场次取消');
    expect(await row.textContent()).toContain('吴居民 · 137****0303'); // masked
    expect(await organizer.getByLabel('类型').inputValue()).toBe('session_cancelled');

    // The filters: every kind, then only what was sent; the tile says how many are in a state.
    await organizer.getByLabel('类型').selectOption('');
    await organizer.getByLabel('状态', { exact: true }).selectOption('sent');
    await organizer.getByRole('button', { name: '筛选' }).click();
    await expect.poll(() => new URL(organizer.url()).hash).toBe('#/texts?status=sent');
    await organizer.locator('.notification-row').first().waitFor();
    const sentTile = Number(await organizer.locator('.tile-link.notification-status-sent .tile-value').textContent());
    expect(sentTile).toBeGreaterThanOrEqual(6); // three confirmations, two changes, one cancellation
    const kinds = await organizer.locator('.notification-row strong').allTextContents();
    expect(kinds).toEqual(expect.arrayContaining(['报名确认', '场次变更', '场次取消']));
    expect(await organizer.locator('.notification-row .status-badge').allTextContents()).toEqual(
      kinds.map(() => '已发送'),
    );
    // A community health centre has no emergency donor list to offer.
    await organizer.getByRole('link', { name: '活动', exact: true }).click();
    await organizer.getByRole('heading', { name: '活动管理' }).waitFor();
    expect(await organizer.getByRole('link', { name: '应急献血者' }).count()).toBe(0);

    await organizer.getByRole('link', { name: '短信', exact: true }).click();
    const reminder = organizer
      .locator('form')
      .filter({ has: organizer.getByRole('heading', { name: '提醒短信时间' }) });
    expect(await reminder.textContent()).toContain('明天场次的提醒短信在每天 18:00（北京时间）发出。');
    await reminder.getByLabel('发送时间（北京时间）').selectOption('7');
    await reminder.getByRole('button', { name: '保存' }).click();
    await reminder.getByText('已保存：明天场次的提醒短信改为每天 07:00 发出。').waitFor();
    await organizer.screenshot({ path: `${SHOTS}/admin-texts-desktop.png`, fullPage: true });
    await organizer.reload();
    await organizer.getByText('明天场次的提醒短信在每天 07:00（北京时间）发出。').waitFor();
    expect(await organizer.getByLabel('发送时间（北京时间）').inputValue()).toBe('7');

    await organizer.getByRole('button', { name: 'English' }).click();
    await organizer.getByRole('heading', { name: 'Texts' }).waitFor();
    expect(await organizer.locator('.notification-row .status-badge').first().textContent()).toBe('Sent');
    expect(
      await organizer.getByText('Reminders for tomorrow’s sessions go out at 07:00 (China time) every day.').count(),
    ).toBe(1);
    await organizer.screenshot({ path: `${SHOTS}/admin-texts-en-desktop.png`, fullPage: true });
    await organizer.getByRole('button', { name: '中文' }).click();
    await organizer.getByRole('heading', { name: '短信通知' }).waitFor();

    const phone = await openPhone(browser);
    await phone.goto(`${baseUrl}/admin/#/texts`);
    await signIn(phone, ORGANIZER);
    await phone.locator('.notification-row').first().waitFor();
    await expectNoSidewaysScroll(phone);
    await phone.screenshot({ path: `${SHOTS}/admin-texts.png`, fullPage: true });
    await phone.goto(`${baseUrl}/admin/#/campaigns/${campaignId}`);
    await phone.locator('.session-cancelled').waitFor();
    await phone.locator('.session').first().getByText('修改时间或地点').click();
    await expectNoSidewaysScroll(phone);
    await phone.screenshot({ path: `${SHOTS}/admin-campaign-changes.png`, fullPage: true });
    await phone.setViewportSize({ width: 320, height: 640 });
    await phone.goto(`${baseUrl}/admin/#/texts`);
    await phone.locator('.notification-row').first().waitFor();
    await phone.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    await expectNoSidewaysScroll(phone);
    await phone.screenshot({ path: `${SHOTS}/admin-texts-320-200.png`, fullPage: true });
    await phone.context().close();
  }, 150_000); // the texts go out through the local queue, whenever it delivers them

  it('opens an account for a check-in volunteer, who then signs in', async () => {
    await organizer.getByRole('link', { name: '工作人员' }).click();
    await organizer.getByRole('heading', { name: '添加工作人员' }).waitFor();
    // organizers add check-in volunteers only
    expect(await organizer.getByLabel('角色', { exact: true }).count()).toBe(0);
    await organizer.getByLabel('邮箱').fill(VOLUNTEER.email);
    await organizer.getByLabel('初始密码').fill('short');
    await organizer.getByRole('button', { name: '添加账号' }).click();
    expect(
      await organizer.locator('.field').filter({ hasText: '初始密码' }).locator('.field-error').textContent(),
    ).toBe('密码至少需要 10 个字符。');
    await organizer.getByLabel('初始密码').fill(VOLUNTEER.password);
    await organizer.getByRole('button', { name: '添加账号' }).click();
    await organizer.getByText(`已添加 ${VOLUNTEER.email}，对方现在可以登录。`).waitFor();
    expect(await organizer.getByLabel('邮箱').inputValue()).toBe('');

    // The same email again: the API's 409 is said by the email box.
    await organizer.getByLabel('邮箱').fill(VOLUNTEER.email);
    await organizer.getByLabel('初始密码').fill(VOLUNTEER.password);
    await organizer.getByRole('button', { name: '添加账号' }).click();
    const emailError = organizer.locator('.field').filter({ hasText: '邮箱' }).locator('.field-error');
    await expect.poll(() => emailError.textContent()).toBe('该邮箱已被使用。');
    expect(await organizer.getByLabel('邮箱').getAttribute('aria-invalid')).toBe('true');
    await organizer.screenshot({ path: `${SHOTS}/admin-staff-desktop.png`, fullPage: true });

    const desk = await openPhone(browser);
    await desk.goto(`${baseUrl}/admin/#/check-in`);
    await signIn(desk, VOLUNTEER);
    await desk.getByRole('heading', { name: '现场签到' }).waitFor();
    expect(await desk.locator('#who').textContent()).toContain(`${VOLUNTEER.email}（签到志愿者）`);
    expect(await desk.getByRole('link', { name: '短信', exact: true }).isHidden()).toBe(true);
    expect(await desk.getByRole('link', { name: '工作人员' }).isHidden()).toBe(true);
    await desk.goto(`${baseUrl}/admin/#/texts`);
    await desk.getByText('您的账号不能使用这个页面。').waitFor();
    await desk.goto(`${baseUrl}/admin/#/staff`);
    await desk.getByText('您的账号不能使用这个页面。').waitFor();
    await desk.screenshot({ path: `${SHOTS}/admin-staff-refused.png`, fullPage: true });
    await desk.context().close();
  });

  it('shows a platform admin what was done, in words, in the audit log', async () => {
    const admin = await openPhone(browser);
    await admin.goto(`${baseUrl}/admin/#/audit`);
    await signIn(admin, { email: 'admin@lifeline.local', password: 'lifeline-admin' });
    await admin.getByRole('heading', { name: '审计日志' }).waitFor();
    await admin.locator('.audit-row').first().waitFor();
    for (const [action, words, fact] of [
      ['session.update', '修改场次时间或地点', '修改项：开始时间、结束时间、地点名称'],
      ['session.cancel', '取消场次', '场次'],
      ['organization.update', '修改机构设置', '提醒时间：07:00'],
      ['staff.create', '添加工作人员', '角色：签到志愿者'],
    ] as const) {
      await admin.getByLabel('操作').selectOption(action);
      await admin.getByRole('button', { name: '筛选' }).click();
      await expect.poll(() => new URL(admin.url()).hash).toBe(`#/audit?action=${action}`);
      const mine = admin.locator('.audit-row').filter({ hasText: ORGANIZER.email });
      await mine.first().waitFor();
      const text = (await mine.first().textContent())!;
      expect(text).toContain(words);
      expect(text).toContain(fact);
      expect(new Set(await admin.locator('.audit-row strong').allTextContents())).toEqual(new Set([words]));
      if (action === 'staff.create') {
        await expectNoSidewaysScroll(admin);
        await admin.screenshot({ path: `${SHOTS}/admin-audit.png`, fullPage: true });
      }
    }
    // Admins choose the role and the organization; an organizer needs one, said by its field.
    await admin.getByRole('link', { name: '工作人员' }).click();
    await admin.getByLabel('角色', { exact: true }).selectOption('organizer');
    await admin.getByLabel('邮箱').fill(`texts-second-${run}@clinic.example`);
    await admin.getByLabel('初始密码').fill('organizer-password');
    await admin.getByRole('button', { name: '添加账号' }).click();
    const organizationError = admin
      .locator('.field')
      .filter({ has: admin.getByLabel('所属机构') })
      .locator('.field-error');
    await expect.poll(() => organizationError.textContent()).toBe('非管理员账号必须属于一个机构。');
    await expectNoSidewaysScroll(admin);
    await admin.screenshot({ path: `${SHOTS}/admin-staff-admin.png`, fullPage: true });

    await admin.getByRole('link', { name: '审计日志' }).click();
    await admin.setViewportSize({ width: 1280, height: 900 });
    await admin.getByLabel('操作').selectOption('');
    await admin.getByRole('button', { name: '筛选' }).click();
    await admin.locator('.audit-row').first().waitFor();
    await admin.screenshot({ path: `${SHOTS}/admin-audit-desktop.png`, fullPage: false });
    await admin.context().close();

    // Organizers read their own organization's log now.
    await organizer.goto(`${baseUrl}/admin/#/audit`);
    await organizer.locator('.audit-row').first().waitFor();
    expect(await organizer.getByRole('link', { name: '审计日志' }).isVisible()).toBe(true);
    expect(await organizer.locator('.audit-row').filter({ hasText: ORGANIZER.email }).count()).toBeGreaterThan(0);
  });
});
