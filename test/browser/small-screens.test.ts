// The narrowest phones (320 px), text at 200 %, and a network that drops: every page stays
// within the screen, and a failed load offers a retry instead of a blank page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { expectNoSidewaysScroll, openPhone, SHOTS, signInWithDevCode } from './citizen.ts';

const baseUrl = inject('baseUrl');

describe.skipIf(!baseUrl)('a 320 px phone', () => {
  let browser: Browser;
  let page: Page;

  /** Opens a page of the app, waits for `ready`, checks the width and takes a screenshot. */
  async function visit(path: string, ready: string, name: string) {
    await page.goto(`${baseUrl}${path}`);
    await page.locator(ready).first().waitFor();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  beforeAll(async () => {
    browser = await launchChromium();
    page = await openPhone(browser, { width: 320 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('fits every citizen page in the width', async () => {
    await visit('/', '.upcoming', '320-campaigns');
    await visit('/campaigns/demo-blood-drive', '.session', '320-campaign');
    await page.locator('.session').first().getByRole('link', { name: '报名', exact: true }).first().click();
    await signInWithDevCode(page, '13300000001');
    await page.getByLabel('身份证号码').waitFor();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/320-sign-up.png`, fullPage: true });

    await page.goto(`${baseUrl}/campaigns/demo-free-clinic`);
    await page
      .locator('.slot')
      .filter({ hasText: '宣传志愿者' })
      .getByRole('link', { name: '报名', exact: true })
      .click();
    await page.getByLabel('姓名').fill('周小红');
    await page.getByRole('button', { name: '确认报名' }).click();
    await page.locator('svg.qr').waitFor();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/320-pass.png`, fullPage: true });

    await visit('/me/sign-ups', '.registration', '320-my-sign-ups');
    await visit('/me', '#view form', '320-profile');
  });

  it('stays usable with the text at 200 %', async () => {
    // What a phone's "large text" setting does to rem-based sizes.
    const largeText = () => page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    for (const [path, ready, name] of [
      ['/', '.upcoming', '320-campaigns-200'],
      ['/campaigns/demo-cpr', '.session', '320-campaign-200'],
      ['/me/sign-ups', '.registration', '320-my-sign-ups-200'],
    ] as const) {
      await page.goto(`${baseUrl}${path}`);
      await page.locator(ready).first().waitFor();
      await largeText();
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    }
  });

  it('offers a retry when the network is gone, and recovers', async () => {
    await page.goto(baseUrl);
    await page.locator('.campaign').first().waitFor();
    await page.context().setOffline(true);
    await page.getByRole('link', { name: /心肺复苏/ }).click();
    const failure = page.getByRole('alert').filter({ hasText: '网络连接失败，请检查网络后重试。' });
    await failure.waitFor();
    await page.screenshot({ path: `${SHOTS}/320-offline.png`, fullPage: true });

    await page.context().setOffline(false);
    await failure.getByRole('button', { name: '重试' }).click();
    await page.getByRole('heading', { level: 1, name: /心肺复苏/ }).waitFor();
  });
});
