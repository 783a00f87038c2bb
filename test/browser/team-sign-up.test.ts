// A team sign-up (团体献血) by consent: a company contact holds 5 seats and shares the invitation
// link; two members open it on their own phones and sign up as themselves (one is turned away by
// a donor rule, with its reason); the organizer sees the team, and holds seats for another team
// themselves, with its invitation link to pass on.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import {
  adminLogin,
  chinaTime,
  expectNoSidewaysScroll,
  openPhone,
  postAs,
  SHOTS,
  signInWithDevCode,
} from './citizen.ts';

const baseUrl = inject('baseUrl');
const VALID_ID = '371502199003071230'; // a man born 1990-03-07
const run = Date.now().toString(36).slice(-5);

describe.skipIf(!baseUrl)('a team sign-up from an invitation link', () => {
  let browser: Browser;
  let contact: Page;
  let invitation: string;
  const venue = `聊城某公司大院 ${run}`;

  beforeAll(async () => {
    // The blood drive gains a session at a company, for the team.
    const admin = await adminLogin(baseUrl);
    await postAs(baseUrl, admin, '/api/admin/campaigns/demo-blood-drive/sessions', {
      startsAt: chinaTime(8, '08:30'),
      endsAt: chinaTime(8, '16:30'),
      venue,
      address: '东昌府区某路 1 号',
      slots: [{ role: '献血者', capacity: 30, waitlist: false }],
    });
    browser = await launchChromium();
    contact = await openPhone(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Fills the blood drive's form as a member and sends it. */
  async function signUpAsMember(page: Page, name: string, weightKg: string) {
    const field = (label: string) => page.locator('.field').filter({ has: page.getByText(label, { exact: true }) });
    await page.getByLabel('姓名').fill(name);
    await page.getByLabel('身份证号码').fill(VALID_ID);
    await page.getByLabel('体重（公斤）').fill(weightKg);
    await field('是否首次献血').getByText('否', { exact: true }).click();
    await field('方便接听电话的时间').getByText('上午', { exact: true }).click();
    await page.getByRole('button', { name: '确认报名' }).click();
  }

  it('lets the contact hold 5 seats and gives the invitation link to share', async () => {
    await contact.goto(`${baseUrl}/campaigns/demo-blood-drive`);
    const session = contact.locator('.session').filter({ hasText: venue });
    await session.getByRole('link', { name: '团体报名' }).click();
    await signInWithDevCode(contact, '13700000401');
    await contact.getByRole('heading', { name: '为团体预留名额' }).waitFor();
    await contact.getByLabel('单位或团队名称').fill('聊城市某科技公司');
    await contact.getByLabel('联系人姓名（您本人）').fill('孙经理');
    await contact.getByLabel('联系人手机号（您登录所用的号码）').fill('13700000401');
    await contact.getByLabel('预留名额数').fill('5');
    await contact.getByRole('button', { name: '预留名额并生成邀请链接' }).click();

    await contact.getByRole('heading', { name: '聊城市某科技公司' }).waitFor();
    invitation = await contact.getByLabel('邀请链接').inputValue();
    expect(invitation).toMatch(new RegExp(`^${baseUrl}/groups/[A-Z2-9]{8}$`));
    expect(await contact.getByText('已加入 0 人 / 共 5 个名额').count()).toBe(1);
    expect(await contact.getByRole('button', { name: '复制链接' }).count()).toBe(1);
    await expectNoSidewaysScroll(contact);
    await contact.screenshot({ path: `${SHOTS}/team-contact.png`, fullPage: true });
  });

  it('lets a member join from the link on their own phone, signing in first', async () => {
    const member = await openPhone(browser);
    await member.goto(invitation);
    await member.getByText('团体剩余 5 个名额').waitFor();
    expect(await member.getByText(venue).count()).toBe(1);
    // No names on the invitation: not the contact's, not the members'.
    expect(await member.getByText('孙经理').count()).toBe(0);
    await expectNoSidewaysScroll(member);
    await member.screenshot({ path: `${SHOTS}/team-invitation.png`, fullPage: true });

    await member.getByRole('link', { name: '加入并报名' }).click();
    await signInWithDevCode(member, '13700000402');
    await member.getByText('团体：聊城市某科技公司').waitFor();
    await signUpAsMember(member, '周成员', '65');
    await member.getByRole('heading', { name: '报名成功' }).waitFor();
    await member.context().close();
  });

  it('turns a member away by a donor rule, with the reason', async () => {
    const member = await openPhone(browser);
    await member.goto(`${invitation}/join`);
    await signInWithDevCode(member, '13700000403');
    await member.getByText('团体：聊城市某科技公司').waitFor();
    await signUpAsMember(member, '吴成员', '44');
    const refusal = member.getByRole('alert').filter({ hasText: '很抱歉，您暂不符合报名条件' });
    await refusal.waitFor();
    expect(await refusal.locator('li').allTextContents()).toEqual(['献血者体重需不低于 50 公斤。']);
    await member.screenshot({ path: `${SHOTS}/team-member-refused.png`, fullPage: true });
    await member.context().close();
  });

  it('shows the contact who joined', async () => {
    await contact.reload();
    await contact.getByText('已加入 1 人 / 共 5 个名额').waitFor();
    expect(await contact.locator('.members li').allTextContents()).toEqual(['周成员']);
  });

  it('shows the organizer the team', async () => {
    const organizer = await openPhone(browser);
    await organizer.goto(`${baseUrl}/admin/`);
    await organizer.getByRole('heading', { name: '组织者登录' }).waitFor();
    await organizer.getByLabel('邮箱').fill('admin@lifeline.local');
    await organizer.getByLabel('密码').fill('lifeline-admin');
    await organizer.getByRole('button', { name: '登录', exact: true }).click();
    await organizer.getByRole('heading', { name: '活动管理' }).waitFor();
    await organizer.goto(`${baseUrl}/admin/#/campaigns/demo-blood-drive/teams`);
    const team = organizer.locator('.group').filter({ hasText: '聊城市某科技公司' });
    await team.waitFor();
    expect(await team.textContent()).toContain('孙经理');
    expect(await team.textContent()).toContain('1 / 5 人');

    // Seats held by the organizer for a company that phoned: its name only, and a link to pass on.
    const form = organizer.locator('form').filter({ has: organizer.getByRole('heading', { name: '为团体预留名额' }) });
    const slot = form.getByLabel('场次与项目');
    await slot.selectOption((await slot.locator('option', { hasText: venue }).getAttribute('value'))!);
    await form.getByLabel('团体名称').fill(`聊城市某工厂 ${run}`);
    await form.getByLabel('预留名额').fill('12');
    await form.getByRole('button', { name: '预留', exact: true }).click();
    await form.getByText(`已为“聊城市某工厂 ${run}”预留名额`).waitFor();
    const held = organizer.locator('.group').filter({ hasText: `聊城市某工厂 ${run}` });
    expect(await held.textContent()).toContain('主办方预留');
    expect(await held.textContent()).toContain('0 / 12 人');
    const link = await held.getByLabel('邀请链接').inputValue();
    expect(link).toMatch(/\/groups\/[2-9A-Z]{8}$/);
    await organizer.screenshot({ path: `${SHOTS}/team-organizer.png`, fullPage: true });
    await organizer.context().close();

    // The link opens the team's invitation on a member's phone.
    const member = await openPhone(browser);
    await member.goto(link);
    await member.getByText(`聊城市某工厂 ${run}`).first().waitFor();
    await member.context().close();
  });
});
