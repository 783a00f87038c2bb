// Helpers for the citizen browser tests: a phone-sized page, signing in through the form,
// and API calls for the other people in a scenario (an organizer, a second citizen).
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import qrcode from 'qrcode-generator';
import { expect } from 'vitest';
import { phone } from './chromium.ts';

export const SHOTS = 'test-results';

/** A fresh phone (own cookies and storage) in Chinese, at 390 px unless told otherwise. */
export async function openPhone(browser: Browser, options: { width?: number } = {}): Promise<Page> {
  mkdirSync(SHOTS, { recursive: true });
  const context = await browser.newContext({
    ...phone,
    viewport: { width: options.width ?? phone.viewport.width, height: phone.viewport.height },
    locale: 'zh-CN',
  });
  context.setDefaultTimeout(8_000); // a missing element fails its step, not the whole test's time
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error; // an uncaught error in the app fails the test
  });
  return page;
}

/** Fills the sign-in form on the current page with the code the local API hands back. */
export async function signInWithDevCode(page: Page, phoneNumber: string) {
  await page.getByLabel('手机号码').fill(phoneNumber);
  await page.getByRole('button', { name: '获取验证码' }).click();
  const code = (await page.locator('.dev-code strong').textContent())!;
  expect(code).toMatch(/^\d{6}$/);
  await page.getByLabel('短信验证码').fill(code);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** The page is no wider than the screen: nothing to scroll sideways at this width. */
export async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

/** A cookie header for a login started through the API (no browser). */
async function loginCookie(response: Response): Promise<string> {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

export async function citizenLogin(baseUrl: string, phoneNumber: string): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const { devCode } = (await (await post('/api/auth/otp', { phone: phoneNumber })).json()) as { devCode: string };
  return loginCookie(await post('/api/auth/verify', { phone: phoneNumber, code: devCode }));
}

export async function adminLogin(baseUrl: string): Promise<string> {
  return loginCookie(
    await fetch(`${baseUrl}/api/admin/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@lifeline.local', password: 'lifeline-admin' }),
    }),
  );
}

/** POST as the holder of `cookie`; the JSON answer, or an error with the body. */
export async function postAs<T>(baseUrl: string, cookie: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** An ISO time in China time, `days` from now at `time`. */
export function chinaTime(days: number, time: string): string {
  const day = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${time}:00+08:00`;
}

/**
 * Checks that the QR code on the page draws exactly the modules of `text`'s QR code (what a
 * scanner reads), by reading the dark runs back from the SVG path.
 */
export async function expectQrCodeOf(page: Page, text: string) {
  const path = (await page.locator('svg.qr path').getAttribute('d'))!;
  const drawn = new Set<string>();
  for (const [, x, y, run] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(run); i++) drawn.add(`${Number(x) + i},${y}`);
  }
  const expected = qrcode(0, 'M');
  expected.addData(text, 'Alphanumeric');
  expected.make();
  const quietZone = 4;
  const dark = new Set<string>();
  const count = expected.getModuleCount();
  for (let row = 0; row < count; row++) {
    for (let column = 0; column < count; column++) {
      if (expected.isDark(row, column)) dark.add(`${column + quietZone},${row + quietZone}`);
    }
  }
  expect(drawn).toEqual(dark);
}

/**
 * Moves a session to now through the organizer API: started a while ago (an hour at most, and
 * today in China), ending in two hours. The desk checks a pass in only on its session's day.
 */
export async function moveSessionToNow(baseUrl: string, cookie: string, sessionId: string) {
  const now = Date.now();
  const sinceChinaMidnight = (now + 8 * 3_600_000) % 86_400_000;
  const startsAt = new Date(now - Math.max(0, Math.min(3_600_000, sinceChinaMidnight - 60_000)));
  const response = await fetch(`${baseUrl}/api/admin/sessions/${encodeURIComponent(sessionId)}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ startsAt: startsAt.toISOString(), endsAt: new Date(now + 2 * 3_600_000).toISOString() }),
  });
  if (!response.ok) throw new Error(`moving the session: ${response.status} ${await response.text()}`);
}
