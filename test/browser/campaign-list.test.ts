import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, phone } from './chromium.ts';

const baseUrl = inject('baseUrl');

describe.skipIf(!baseUrl)('web shell on a phone', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await (await browser.newContext({ ...phone, locale: 'zh-CN' })).newPage();
    mkdirSync('test-results', { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the published campaigns from D1 in Chinese', async () => {
    await page.goto(baseUrl);
    await page.locator('.campaign').first().waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    const titles = await page.locator('.campaign h2').allTextContents();
    expect(titles).toContain('心肺复苏（CPR）与 AED 急救培训');
    expect(titles).toContain('热血聊城 · 无偿献血进社区');
    expect(titles.some((title) => title.includes('草稿'))).toBe(false); // drafts stay private
    await page.screenshot({ path: 'test-results/campaigns-zh.png', fullPage: true });
  });

  it('filters by kind', async () => {
    await page.getByRole('link', { name: '急救培训', exact: true }).click();
    await expect.poll(() => page.locator('.campaign h2').allTextContents()).toEqual(['心肺复苏（CPR）与 AED 急救培训']);
    expect(new URL(page.url()).search).toBe('?kind=cpr_training');
    await page.goBack(); // the filter is in the address, so back undoes it
    await expect.poll(() => page.locator('.campaign').count()).toBeGreaterThan(3);
    await page.getByRole('link', { name: '急救培训', exact: true }).click();
    await page.getByRole('link', { name: '全部', exact: true }).click();
    await expect.poll(() => page.locator('.campaign').count()).toBeGreaterThan(3);
  });

  it('switches to English and remembers it', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Blood drives', exact: true }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.getByRole('link', { name: 'CPR training', exact: true }).waitFor();
    await page.screenshot({ path: 'test-results/campaigns-en.png', fullPage: true });
  });

  it('serves the app for unknown paths and JSON errors for unknown API paths', async () => {
    const appPage = await fetch(`${baseUrl}/campaigns/somewhere`);
    expect(appPage.headers.get('content-type')).toContain('text/html');
    const api = await fetch(`${baseUrl}/api/nowhere`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
