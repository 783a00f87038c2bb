// Signing in (errors next to their fields, the resend countdown, the development code only when
// the API sends one), editing the profile, the English switch, and signing out.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { openPhone, SHOTS } from './citizen.ts';

const baseUrl = inject('baseUrl');
const PHONE = '13400000001';

describe.skipIf(!baseUrl)('a citizen account', () => {
  let browser: Browser;
  let page: Page;
  const errorOf = (label: string) =>
    page
      .locator('.field')
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator('.field-error');

  beforeAll(async () => {
    browser = await launchChromium();
    page = await openPhone(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in, with each mistake explained next to its field', async () => {
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('手机号码').fill('12345');
    await page.getByRole('button', { name: '获取验证码' }).click();
    await expect.poll(() => errorOf('手机号码').textContent()).toBe('请输入 11 位中国大陆手机号码。');

    await page.getByLabel('手机号码').fill(PHONE);
    await page.getByRole('button', { name: '获取验证码' }).click();
    const devCode = (await page.locator('.dev-code strong').textContent())!;
    // The resend button counts down the minute the API asks for.
    await expect.poll(() => page.locator('form button').first().textContent()).toMatch(/^(60|59|58) 秒后可重新获取$/);
    expect(await page.locator('form button').first().isDisabled()).toBe(true);

    await page.getByLabel('短信验证码').fill(devCode === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => errorOf('短信验证码').textContent()).toBe('验证码不正确。');
    await page.screenshot({ path: `${SHOTS}/sign-in-wrong-code.png`, fullPage: true });

    await page.getByLabel('短信验证码').fill(devCode);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('heading', { name: '我的报名' }).waitFor(); // where sign-in leads by default
  });

  it('says when to try again after too many codes, and hides a code the API did not send', async () => {
    const other = await openPhone(browser);
    await other.goto(`${baseUrl}/sign-in`);
    await other.getByLabel('手机号码').fill(PHONE); // a code went to this phone less than a minute ago
    await other.getByRole('button', { name: '获取验证码' }).click();
    const phoneError = other
      .locator('.field')
      .filter({ has: other.getByLabel('手机号码') })
      .locator('.field-error');
    await expect.poll(() => phoneError.textContent()).toMatch(/^操作过于频繁，请稍后再试。请 \d+ 秒后再试。$/);
    expect(await other.locator('form button').first().textContent()).toMatch(/^\d+ 秒后可重新获取$/);

    // A deployment never sends the code back: then there is nothing to show.
    await other.route('**/api/auth/otp', async (route) => {
      const answer = await route.fetch();
      const { devCode: _hidden, ...body } = (await answer.json()) as { devCode?: string };
      await route.fulfill({ response: answer, json: body });
    });
    await other.goto(`${baseUrl}/sign-in`);
    await other.getByLabel('手机号码').fill('13400000002');
    await other.getByRole('button', { name: '获取验证码' }).click();
    await other.getByText('验证码已发送，5 分钟内有效。').waitFor();
    expect(await other.locator('.dev-code').count()).toBe(0);
    await other.context().close();
  });

  it('edits the profile, with the emergency donor rule checked by the API', async () => {
    await page.getByRole('link', { name: '我的资料' }).click();
    await page.getByLabel('姓名').fill('孙丽');
    await page.getByLabel('性别').selectOption({ label: '女' });
    await page.getByLabel('出生日期').fill('1992-05-01');
    await page.getByLabel('所在区县（聊城市）').selectOption('临清市');
    await page.getByLabel('加入应急献血志愿者名单').check();
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => errorOf('加入应急献血志愿者名单').textContent()).toBe('加入应急献血名单需先填写血型。');

    await page.getByLabel('血型').selectOption({ label: 'O 型' });
    expect(await page.getByLabel('活动前一天短信提醒我').isChecked()).toBe(true);
    await page.getByLabel('活动前一天短信提醒我').uncheck();
    await page.getByLabel('每天晚上提醒我做“健康达人”答题').check();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存。').waitFor();
    await page.screenshot({ path: `${SHOTS}/profile.png`, fullPage: true });

    await page.reload();
    await page.getByLabel('姓名').waitFor();
    expect(await page.getByLabel('姓名').inputValue()).toBe('孙丽');
    expect(await page.getByLabel('性别').inputValue()).toBe('female');
    expect(await page.getByLabel('出生日期').inputValue()).toBe('1992-05-01');
    expect(await page.getByLabel('所在区县（聊城市）').inputValue()).toBe('临清市');
    expect(await page.getByLabel('血型').inputValue()).toBe('O');
    expect(await page.getByLabel('加入应急献血志愿者名单').isChecked()).toBe(true);
    expect(await page.getByLabel('活动前一天短信提醒我').isChecked()).toBe(false);
    expect(await page.getByLabel('每天晚上提醒我做“健康达人”答题').isChecked()).toBe(true);
  });

  it('switches everything to English, API messages included', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'My profile' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('#sections a').allTextContents()).toEqual(['Campaigns', 'My sign-ups', 'Profile']);
    await page.getByLabel('Blood type').selectOption({ label: "Don't know" });
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => errorOf('Join the emergency donor list').textContent())
      .toBe('Joining the emergency donor list needs your blood type.');
    await page.screenshot({ path: `${SHOTS}/profile-en.png`, fullPage: true });

    await page.getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('link', { name: 'Blood drives', exact: true }).click();
    await page.getByRole('link', { name: /无偿献血/ }).click();
    await page.getByRole('heading', { name: 'Who can sign up' }).waitFor();
    expect(await page.locator('.rules').textContent()).toContain('Weight: at least 50 kg for men, 45 kg for women.');
    expect(await page.locator('.slot').first().textContent()).toMatch(/seats left/);
    await page.screenshot({ path: `${SHOTS}/campaign-blood-drive-en.png`, fullPage: true });

    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '报名条件' }).waitFor();
  });

  it('signs out', async () => {
    await page.getByRole('link', { name: '我的资料' }).click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.locator('.campaign').first().waitFor();
    await page.getByRole('link', { name: '我的报名', exact: true }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
  });
});
