// Scanning a pass at the check-in desk: Chromium's fake camera plays a video of the pass's QR
// code, and the desk reads it (BarcodeDetector where the browser has one, jsQR otherwise) and
// checks the person in without a key pressed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import qrcode from 'qrcode-generator';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHROMIUM, phone } from './chromium.ts';
import { adminLogin, chinaTime, citizenLogin, moveSessionToNow, postAs, SHOTS } from './citizen.ts';

const baseUrl = inject('baseUrl');

/** One grey-scale frame of `text`'s QR code as a Y4M video, the format Chromium's fake camera plays. */
function qrVideo(text: string): Buffer {
  const width = 640;
  const height = 480;
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Alphanumeric');
  qr.make();
  const count = qr.getModuleCount();
  const scale = 8;
  const size = (count + 8) * scale; // with the quiet zone scanners need
  const left = (width - size) / 2;
  const top = (height - size) / 2;
  const luma = Buffer.alloc(width * height, 235); // white
  for (let row = 0; row < count; row++) {
    for (let column = 0; column < count; column++) {
      if (!qr.isDark(row, column)) continue;
      for (let y = 0; y < scale; y++) {
        const start = (top + (row + 4) * scale + y) * width + left + (column + 4) * scale;
        luma.fill(16, start, start + scale); // black
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128); // no colour
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma]);
}

describe.skipIf(!baseUrl)('scanning a pass at the desk', () => {
  let browser: Browser;
  let folder: string;
  let code: string;
  let campaignId: string;

  beforeAll(async () => {
    // A campaign of its own, of a kind no citizen test counts: the seeded ones are theirs.
    const admin = await adminLogin(baseUrl);
    const run = Date.now().toString(36);
    const { organization } = await postAs<{ organization: { id: string } }>(
      baseUrl,
      admin,
      '/api/admin/organizations',
      { name: `扫码测试社区 ${run}` },
    );
    const { campaign } = await postAs<{ campaign: { id: string } }>(baseUrl, admin, '/api/admin/campaigns', {
      kind: 'outreach',
      organizationId: organization.id,
      title: `社区义诊（扫码测试）${run}`,
      description: '',
      startsOn: chinaTime(8, '00:00').slice(0, 10),
      endsOn: chinaTime(8, '00:00').slice(0, 10),
      status: 'published',
    });
    campaignId = campaign.id;
    const { session } = await postAs<{ session: { id: string; slots: { id: string }[] } }>(
      baseUrl,
      admin,
      `/api/admin/campaigns/${campaign.id}/sessions`,
      {
        startsAt: chinaTime(8, '09:00'),
        endsAt: chinaTime(8, '11:00'),
        venue: '扫码测试教室',
        address: '东昌府区柳园南路 9 号',
        slots: [{ role: '就诊居民', capacity: 5, waitlist: false }],
      },
    );
    const citizen = await citizenLogin(baseUrl, '13700000201');
    ({
      registration: { code },
    } = await postAs<{ registration: { code: string } }>(
      baseUrl,
      citizen,
      `/api/slots/${session.slots[0]!.id}/registrations`,
      { name: '周扫码' },
    ));
    // The desk checks a pass in only on its session's day: the class is today.
    await moveSessionToNow(baseUrl, admin, session.id);

    folder = mkdtempSync(join(tmpdir(), 'lifeline-camera-'));
    const video = join(folder, 'pass.y4m');
    writeFileSync(video, qrVideo(code));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--use-fake-ui-for-media-stream', // the camera permission is granted
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('reads the QR code from the camera and checks the person in', async () => {
    const context = await browser.newContext({ ...phone, locale: 'zh-CN' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(`${baseUrl}/admin/#/campaigns/${campaignId}/check-in`);
    await page.getByLabel('邮箱').fill('admin@lifeline.local');
    await page.getByLabel('密码').fill('lifeline-admin');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('heading', { name: /^签到：/ }).waitFor();

    await page.getByRole('button', { name: '扫描二维码' }).click();
    const result = page.locator('.result');
    await result.locator('.result-title').getByText('签到成功').waitFor();
    expect(await result.locator('.result-name').textContent()).toBe('周扫码');
    expect(await page.getByLabel('预约码').inputValue()).toBe(code);
    // The camera is off once the code is read, until the next person.
    expect(await page.locator('.camera-box').isHidden()).toBe(true);
    expect(await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).srcObject)).toBeNull();
    await page.screenshot({ path: `${SHOTS}/admin-check-in-scanned.png`, fullPage: true });
    await context.close();
  });
});
