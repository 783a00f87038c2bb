// A new city set up through the organizer pages alone, on an empty database with only the first
// admin (as `npm run create-admin` leaves it): the admin adds an organization and its organizer;
// the organizer adds a desk volunteer and builds the 35–64 women's screening (eligibility, a
// session in 30-minute appointment windows with a slot), publishes it, and citizens see it; one
// books a time to come and moves it to another in one step. Then the volunteer's account ends
// after the event: deactivated, their open page is signed out at its next step.
import type { Browser, Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import {
  chinaTime,
  citizenLogin,
  expectNoSidewaysScroll,
  openPhone,
  postAs,
  SHOTS,
  signInWithDevCode,
} from './citizen.ts';
import { FIRST_ADMIN, startProduct } from './serve.ts';

const migrated = inject('migratedDatabase'); // empty when Chromium is missing: skip like the others
const ORGANIZATION = '聊城市妇幼保健院';
const ORGANIZER = { email: 'organizer@fuyou.example', password: 'organizer-password' };
const VOLUNTEER = { email: 'desk@fuyou.example', password: 'volunteer-password' };
const TITLE = '35–64 岁妇女两癌筛查';

describe.skipIf(!migrated)('a city set up from an empty database', () => {
  let product: { baseUrl: string; stop(): void };
  let browser: Browser;
  let admin: Page;
  let organizer: Page;
  let baseUrl: string;

  async function signIn(page: Page, who: { email: string; password: string }) {
    await page.getByLabel('邮箱').fill(who.email);
    await page.getByLabel('密码', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
  }

  /** Accepts the next confirmation, and gives back what it asked. */
  const nextConfirmation = (page: Page) =>
    new Promise<string>((resolve) =>
      page.once('dialog', (dialog: Dialog) => {
        resolve(dialog.message());
        void dialog.accept();
      }),
    );

  beforeAll(async () => {
    [product, browser] = await Promise.all([startProduct(migrated, 'empty'), launchChromium()]);
    baseUrl = product.baseUrl;
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    product?.stop();
  });

  it('lets the first admin add an organization and its organizer', async () => {
    admin = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    admin.setDefaultTimeout(8_000);
    admin.on('pageerror', (error) => {
      throw error;
    });
    await admin.goto(`${baseUrl}/admin/`);
    await signIn(admin, FIRST_ADMIN);
    await admin.getByRole('heading', { name: '活动管理' }).waitFor();
    await admin.getByText('还没有活动。').waitFor();

    await admin.getByRole('link', { name: '机构', exact: true }).click();
    await admin.getByRole('heading', { name: '机构', exact: true }).waitFor();
    await admin.getByText('还没有机构。先添加一个。').waitFor();
    const add = admin.getByRole('form', { name: '添加机构' });
    await add.getByLabel('机构名称').fill('聊城市妇幼保健');
    await add.getByLabel('机构类型').selectOption('hospital');
    await add.getByRole('button', { name: '添加机构' }).click();
    await add.getByText('已添加“聊城市妇幼保健”，现在可以为它开设账号。').waitFor();
    expect(await admin.getByText('还没有机构。先添加一个。').isHidden()).toBe(true);

    // Renamed in place; the same name as another organization is said by the name box.
    const item = admin.locator('li.organization').filter({ hasText: '聊城市妇幼保健' });
    await item.getByText('改名或更改类型').click();
    await item.getByLabel('机构名称').fill(ORGANIZATION);
    await item.getByRole('button', { name: '保存', exact: true }).click();
    await item.getByText(`已保存：“${ORGANIZATION}”。`).waitFor();
    expect(await item.getByRole('heading').textContent()).toBe(ORGANIZATION);
    expect(await item.locator('.badge').textContent()).toBe('医院');
    await add.getByLabel('机构名称').fill(ORGANIZATION);
    await add.getByRole('button', { name: '添加机构' }).click();
    await expect
      .poll(() => add.locator('.field').filter({ hasText: '机构名称' }).locator('.field-error').textContent())
      .toBe('已有同名机构。');
    await admin.screenshot({ path: `${SHOTS}/admin-organizations-desktop.png`, fullPage: true });

    // Its staff: the organization is chosen already.
    await item.getByRole('link', { name: `${ORGANIZATION}的工作人员` }).click();
    await admin.getByRole('heading', { name: `${ORGANIZATION}的工作人员` }).waitFor();
    await admin.getByText('还没有工作人员。').waitFor();
    const newStaff = admin.getByRole('form', { name: '添加工作人员' });
    await newStaff.getByLabel('邮箱').fill(ORGANIZER.email);
    await newStaff.getByLabel('初始密码').fill(ORGANIZER.password);
    await newStaff.getByLabel('角色').selectOption('organizer');
    expect(await newStaff.getByLabel('所属机构').inputValue()).not.toBe('');
    await newStaff.getByRole('button', { name: '添加账号' }).click();
    await newStaff.getByText(`已添加 ${ORGANIZER.email}，对方现在可以登录。`).waitFor();
    const row = admin.locator('li.staff-member').filter({ hasText: ORGANIZER.email });
    expect(await row.locator('p.meta').textContent()).toBe(`在用 组织者 · ${ORGANIZATION} · 最近登录：从未登录`);

    // The admin's own account offers no deactivation.
    await admin.getByLabel('查看哪个机构').selectOption('');
    await admin.getByRole('button', { name: '查看' }).click();
    const own = admin.locator('li.staff-member').filter({ hasText: FIRST_ADMIN.email });
    await own.getByText('您本人的账号：不能停用或降低自己的角色。').waitFor();
    expect(await own.getByRole('button').count()).toBe(0);
    await admin.screenshot({ path: `${SHOTS}/admin-staff-list-desktop.png`, fullPage: true });
  });

  it('lets the organizer, on a phone, add a desk volunteer and publish the women’s screening', async () => {
    organizer = await openPhone(browser);
    await organizer.goto(`${baseUrl}/admin/`);
    await signIn(organizer, ORGANIZER);
    await organizer.getByRole('heading', { name: '活动管理' }).waitFor();
    expect(await organizer.locator('#who').textContent()).toContain(`${ORGANIZER.email}（组织者） · ${ORGANIZATION}`);
    expect(await organizer.getByRole('link', { name: '机构', exact: true }).isHidden()).toBe(true);

    await organizer.getByRole('link', { name: '工作人员' }).click();
    const newStaff = organizer.getByRole('form', { name: '添加工作人员' });
    await newStaff.getByLabel('邮箱').fill(VOLUNTEER.email);
    await newStaff.getByLabel('初始密码').fill(VOLUNTEER.password);
    await newStaff.getByRole('button', { name: '添加账号' }).click();
    const desk = organizer.locator('li.staff-member').filter({ hasText: VOLUNTEER.email });
    await desk.waitFor();
    expect(await desk.getByRole('button', { name: `停用 ${VOLUNTEER.email}` }).count()).toBe(1);
    const self = organizer.locator('li.staff-member').filter({ hasText: ORGANIZER.email });
    expect(await self.getByRole('button').count()).toBe(0); // nobody deactivates themselves
    expect(await self.textContent()).toContain('最近登录：今天');
    await expectNoSidewaysScroll(organizer);
    await organizer.screenshot({ path: `${SHOTS}/admin-staff-list-390.png`, fullPage: true });

    await organizer.getByRole('link', { name: '活动', exact: true }).click();
    await organizer.getByRole('link', { name: '新建活动' }).click();
    // A quiz has no sign-ups: no rules, questions or no-shows to set.
    await organizer.getByLabel('活动类型').selectOption('quiz');
    await organizer.getByText('答题活动没有场次、名额和报名条件').waitFor();
    expect(await organizer.getByText('谁可以报名').isHidden()).toBe(true);
    expect(await organizer.getByRole('button', { name: '添加问题' }).isHidden()).toBe(true);
    await organizer.getByLabel('活动类型').selectOption('outreach');
    expect(await organizer.getByText('答题活动没有场次、名额和报名条件').isHidden()).toBe(true);
    // A blood drive alone collects platelets; donor rules are for blood drives by default.
    expect(await organizer.getByLabel('本次也采集单采血小板').isHidden()).toBe(true);
    expect(await organizer.getByLabel('按献血者健康检查要求').isChecked()).toBe(false);
    await organizer.getByLabel('活动名称').fill(TITLE);
    await organizer.getByLabel('开始日期').fill(chinaTime(0, '00:00').slice(0, 10));
    await organizer.getByLabel('结束日期').fill(chinaTime(30, '00:00').slice(0, 10));
    await organizer.getByLabel('最小年龄').fill('64');
    await organizer.getByLabel('最大年龄').fill('35');
    await organizer.getByLabel('仅女性').check();
    await organizer.getByRole('button', { name: '创建活动' }).click();
    await expect
      .poll(() =>
        organizer
          .locator('div.field')
          .filter({ has: organizer.getByLabel('最大年龄') })
          .locator('.field-error')
          .textContent(),
      )
      .toBe('最大年龄不能小于最小年龄。');
    await organizer.getByLabel('最小年龄').fill('35');
    await organizer.getByLabel('最大年龄').fill('64');
    await expectNoSidewaysScroll(organizer);
    await organizer.screenshot({ path: `${SHOTS}/admin-campaign-eligibility-390.png`, fullPage: true });
    await organizer.getByRole('button', { name: '创建活动' }).click();
    await organizer.getByRole('heading', { name: TITLE }).waitFor();
    await organizer.getByText('报名条件：35–64 岁，仅女性').waitFor();

    const form = organizer.locator('form').filter({ has: organizer.getByRole('heading', { name: '添加场次' }) });
    await form.getByLabel('开始时间').fill(chinaTime(7, '08:30').slice(0, 16));
    await form.getByLabel('结束时间').fill(chinaTime(7, '11:30').slice(0, 16));
    await form.getByLabel('地点名称').fill('古楼街道社区卫生服务中心');
    await form.getByLabel('详细地址').fill('东昌府区古楼街道光岳路 12 号');
    await form.getByLabel('项目名称').fill('筛查');
    await form.getByLabel('名额', { exact: true }).fill('30');
    await form.getByLabel('预约时段（分钟，可不填）').fill('30');
    await form.getByRole('button', { name: '添加场次' }).click();
    await organizer.getByText('场次已添加。').waitFor();
    await organizer.getByText('分时段预约：每 30 分钟一个时段').waitFor();

    await organizer.getByRole('link', { name: '编辑活动' }).click();
    expect(await organizer.getByLabel('最小年龄').inputValue()).toBe('35');
    expect(await organizer.getByLabel('仅女性').isChecked()).toBe(true);
    await organizer.getByLabel('状态').selectOption('published');
    await organizer.getByRole('button', { name: '保存', exact: true }).click();
    await organizer.getByText('报名条件：35–64 岁，仅女性').waitFor();
    await organizer.locator('.status-pill-published').waitFor();
    await organizer.screenshot({ path: `${SHOTS}/admin-city-campaign-390.png`, fullPage: true });

    // Citizens see it, with its rules as the API keeps them.
    const { items } = (await (await fetch(`${baseUrl}/api/campaigns`)).json()) as {
      items: { id: string; title: string }[];
    };
    expect(items.map((campaign) => campaign.title)).toEqual([TITLE]);
    const { campaign } = (await (await fetch(`${baseUrl}/api/campaigns/${items[0]!.id}`)).json()) as {
      campaign: { eligibility: unknown; sessions: { slots: { capacity: number; windows: unknown[] }[] }[] };
    };
    expect(campaign.eligibility).toMatchObject({ minAge: 35, maxAge: 64, gender: 'female', donorRules: false });
    expect(campaign.sessions[0]!.slots).toMatchObject([{ capacity: 30 }]);
    expect(campaign.sessions[0]!.slots[0]!.windows).toHaveLength(6); // 08:30 … 11:00, 5 seats each
    const citizen = await openPhone(browser);
    await citizen.goto(`${baseUrl}/`);
    await citizen.getByText(TITLE).first().click();

    // The campaign page offers the times with what is left; the form asks for one first.
    const times = citizen.getByRole('list', { name: '可预约的到场时段' });
    await expect
      .poll(() => times.locator('li').allTextContents())
      .toEqual(['08:30', '09:00', '09:30', '10:00', '10:30', '11:00'].map((time) => `${time} 余 5`));
    await expectNoSidewaysScroll(citizen);
    await citizen.screenshot({ path: `${SHOTS}/campaign-windows-390.png`, fullPage: true });
    await citizen.getByRole('link', { name: '报名', exact: true }).click();
    await signInWithDevCode(citizen, '13600000035');
    await citizen.getByLabel('到场时段').selectOption(chinaTime(7, '09:00'));
    await citizen.getByLabel('姓名').fill('李秀英');
    await citizen.getByLabel('出生日期').fill('1975-05-20');
    await citizen.getByText('女', { exact: true }).click();
    await citizen.getByRole('button', { name: '确认报名' }).click();
    await citizen.getByRole('heading', { name: '报名成功' }).waitFor();
    expect(await citizen.locator('.facts').textContent()).toContain('到场时段09:00–09:30');

    // Rescheduled in one step to another time: the pass shows the new one, the code stays.
    const code = await citizen.locator('.booking-code .code').textContent();
    await citizen.getByRole('link', { name: '改期' }).click();
    await citizen.getByRole('heading', { name: '改期' }).waitFor();
    await citizen.getByText(/10:00–10:30（余 5 个）/).click();
    await expectNoSidewaysScroll(citizen);
    await citizen.screenshot({ path: `${SHOTS}/reschedule-390.png`, fullPage: true });
    await citizen.getByRole('button', { name: '确认改期' }).click();
    await citizen.getByRole('heading', { name: '已改期' }).waitFor();
    expect(await citizen.locator('.facts').textContent()).toContain('到场时段10:00–10:30');
    expect(await citizen.locator('.booking-code .code').textContent()).toBe(code);
    await expectNoSidewaysScroll(citizen);
    await citizen.screenshot({ path: `${SHOTS}/pass-rescheduled-390.png`, fullPage: true });
    // The 09:00 window is free again, the 10:00 one has one seat fewer.
    await citizen.goto(`${baseUrl}/campaigns/${items[0]!.id}`);
    await expect
      .poll(() => times.locator('li').allTextContents())
      .toEqual(['08:30 余 5', '09:00 余 5', '09:30 余 5', '10:00 余 4', '10:30 余 5', '11:00 余 5']);
    await citizen.context().close();
  });

  it('ends a deactivated volunteer’s sign-in at their next step, and their password changes hands', async () => {
    const desk = await openPhone(browser);
    await desk.goto(`${baseUrl}/admin/`);
    await signIn(desk, VOLUNTEER);
    await desk.getByRole('link', { name: TITLE }).waitFor();

    await organizer.getByRole('link', { name: '工作人员' }).click();
    const row = organizer.locator('li.staff-member').filter({ hasText: VOLUNTEER.email });
    const asked = nextConfirmation(organizer);
    await row.getByRole('button', { name: `停用 ${VOLUNTEER.email}` }).click();
    expect(await asked).toContain('对方在所有设备上的登录现在就会结束');
    await row.getByText(`已停用 ${VOLUNTEER.email}，对方的登录已全部结束。`).waitFor();
    expect(await row.locator('.status-pill').textContent()).toBe('已停用');
    await organizer.screenshot({ path: `${SHOTS}/admin-staff-deactivated-390.png`, fullPage: true });

    // The desk's open page: its next step leads to the sign-in page, where the old password fails.
    await desk.getByRole('link', { name: TITLE }).click();
    await desk.getByRole('heading', { name: '组织者登录' }).waitFor();
    await signIn(desk, VOLUNTEER);
    await expect.poll(() => desk.locator('.form-message-error').textContent()).toMatch(/邮箱或密码/);

    // Reactivated with a new password (the organizer resets it), the volunteer is back.
    const again = nextConfirmation(organizer);
    await row.getByRole('button', { name: `重新启用 ${VOLUNTEER.email}` }).click();
    await again;
    await row.getByText(`已重新启用 ${VOLUNTEER.email}。`).waitFor();
    await row.getByText('重设密码').click();
    await row.getByLabel('新密码').fill('a-new-desk-password');
    await row.getByRole('button', { name: '设置新密码' }).click();
    await row.getByText(/已为 desk@fuyou\.example 设置新密码/).waitFor();
    await organizer.screenshot({ path: `${SHOTS}/admin-staff-reset-390.png`, fullPage: true });
    await signIn(desk, { ...VOLUNTEER, password: 'a-new-desk-password' });
    await desk.getByRole('heading', { name: TITLE }).waitFor(); // the page that asked them to sign in

    // Their own password, from the bar under the title: the wrong current one is said by its box.
    await desk.getByRole('link', { name: '修改密码' }).click();
    await desk.getByRole('heading', { name: '修改我的密码' }).waitFor();
    await desk.getByLabel('当前密码').fill('not-my-password');
    await desk.getByLabel('新密码').fill('desk-password-of-my-own');
    await desk.getByRole('button', { name: '修改密码' }).click();
    await expect
      .poll(() =>
        desk
          .locator('div.field')
          .filter({ has: desk.getByLabel('当前密码') })
          .locator('.field-error')
          .textContent(),
      )
      .toBe('当前密码不正确。');
    await desk.getByLabel('当前密码').fill('a-new-desk-password');
    await desk.getByRole('button', { name: '修改密码' }).click();
    await desk.getByText('密码已修改，其他设备上的登录已退出。').waitFor();
    await expectNoSidewaysScroll(desk);
    await desk.screenshot({ path: `${SHOTS}/admin-my-password-390.png`, fullPage: true });

    // The day comes: the session (its length kept, as its windows are booked) opens in two minutes.
    // Before opening, the desk expects the first window's people; one of them is checked in.
    const opens = Math.ceil((Date.now() + 120_000) / 60_000) * 60_000;
    const chinaDay = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);
    // (Skipped in the last minutes of a China day, when "in two minutes" is tomorrow's session.)
    if (chinaDay(opens) === chinaDay(Date.now())) {
      const { items } = (await (await fetch(`${baseUrl}/api/campaigns`)).json()) as { items: { id: string }[] };
      const campaignId = items[0]!.id;
      const { campaign } = (await (await fetch(`${baseUrl}/api/campaigns/${campaignId}`)).json()) as {
        campaign: { sessions: { id: string; slots: { id: string }[] }[] };
      };
      const session = campaign.sessions[0]!;
      const organizerCookie = (await organizer.context().cookies())
        .map((cookie) => `${cookie.name}=${cookie.value}`)
        .join('; ');
      const moved = await fetch(`${baseUrl}/api/admin/sessions/${session.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie: organizerCookie },
        body: JSON.stringify({
          startsAt: new Date(opens).toISOString(),
          endsAt: new Date(opens + 3 * 3_600_000).toISOString(),
        }),
      });
      expect(moved.status, await moved.clone().text()).toBe(200);
      const early = await citizenLogin(baseUrl, '13600000036');
      await postAs(baseUrl, early, `/api/slots/${session.slots[0]!.id}/registrations`, {
        name: '张桂兰',
        birthDate: '1970-02-02',
        gender: 'female',
        windowStartsAt: new Date(opens).toISOString(),
      });
      await desk.goto(`${baseUrl}/admin/#/campaigns/${campaignId}/check-in`);
      const expected = desk.locator('section.expected-now');
      const first = new Date(opens + 8 * 3_600_000).toISOString().slice(11, 16); // China time
      await expected.getByRole('heading', { name: new RegExp(`现在应到：${first}–\\d\\d:\\d\\d 时段`) }).waitFor();
      expect(await expected.locator('.found-row').count()).toBe(1);
      await expected.getByText('已签到 0 / 1 人').waitFor();
      await expectNoSidewaysScroll(desk);
      await desk.screenshot({ path: `${SHOTS}/desk-expected-now-390.png`, fullPage: true });
      await expected.getByRole('button', { name: '为 张桂兰 签到' }).click();
      const result = desk.locator('.result-ok');
      await result.waitFor();
      expect(await result.locator('.facts').textContent()).toContain(`预约时段${first}–`);
      await expected.getByText('已签到 1 / 1 人').waitFor();
    }
    await desk.context().close();
  });
});
