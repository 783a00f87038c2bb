// The live final in one Chromium: the host screen at a desk (1280 px), three finalists' phones
// and an audience page, each in its own browser context; then a certificate and its check.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { adminLogin, citizenLogin, expectNoSidewaysScroll, openPhone, postAs, SHOTS } from './citizen.ts';

const baseUrl = inject('baseUrl');
let season: string;

/**
 * A quiz season of its own, so its board holds only this test's players (the daily quiz's test
 * counts the demo season's board).
 */
async function newSeason(adminCookie: string) {
  const { items } = (await (await fetch(`${baseUrl}/api/campaigns?kind=quiz`)).json()) as {
    items: { organization: { id: string } }[];
  };
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const { campaign } = await postAs<{ campaign: { id: string } }>(baseUrl, adminCookie, '/api/admin/campaigns', {
    kind: 'quiz',
    title: '健康达人决赛赛季',
    description: '',
    startsOn: today,
    endsOn: today,
    organizationId: items[0]!.organization.id,
    status: 'published',
  });
  const created = await postAs<{ season: { id: string } }>(baseUrl, adminCookie, '/api/admin/quiz/seasons', {
    campaignId: campaign.id,
    startsOn: today,
    endsOn: today,
    questionsPerDay: 2,
    timeLimitSec: 120,
  });
  await postAs(
    baseUrl,
    adminCookie,
    `/api/admin/quiz/seasons/${created.season.id}/questions`,
    ['献血前可以空腹吗？', '心肺复苏按压深度为 5–6 厘米。', '流感疫苗每年都需要接种。'].map((stem) => ({
      type: 'truefalse',
      stem,
      options: ['正确', '错误'],
      answers: [0],
    })),
  );
  return created.season.id;
}

interface AdminFinal {
  id: string;
  audiencePath: string;
  finalists: { name: string; joinPath: string }[];
}

/** A player on the season board, through the API. */
async function boardPlayer(phone: string, name: string) {
  const cookie = await citizenLogin(baseUrl, phone);
  await fetch(`${baseUrl}/api/me`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name, district: '东昌府区' }),
  });
  const { attempt } = await postAs<{ attempt: { id: string; questions: { id: string; options: { id: string }[] }[] } }>(
    baseUrl,
    cookie,
    `/api/quiz/seasons/${season}/attempts`,
    {},
  );
  const answers = attempt.questions.map((q) => ({ questionId: q.id, optionIds: [q.options[0]!.id] }));
  await postAs(baseUrl, cookie, `/api/quiz/attempts/${attempt.id}/submit`, { answers });
}

describe.skipIf(!baseUrl)('the live final', () => {
  let browser: Browser;
  let final: AdminFinal;
  let adminCookie: string;

  beforeAll(async () => {
    browser = await launchChromium();
    adminCookie = await adminLogin(baseUrl);
    season = await newSeason(adminCookie);
    await boardPlayer('13800000031', '陈一');
    await boardPlayer('13800000032', '林二');
    await boardPlayer('13800000033', '黄三');
    ({ final } = await postAs<{ final: AdminFinal }>(baseUrl, adminCookie, `/api/admin/quiz/seasons/${season}/finals`, {
      top: 3,
      drawFromBank: 2,
      timeLimitSec: 30,
    }));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs from the host screen with three phones and an audience', async () => {
    const hostContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const [name, value] = adminCookie.split(';')[0]!.split('=') as [string, string];
    await hostContext.addCookies([{ name, value, url: baseUrl }]);
    const host = await hostContext.newPage();
    host.on('pageerror', (error) => {
      throw error;
    });
    await host.goto(`${baseUrl}/admin/#/finals/${final.id}`);
    const phones: Page[] = [];
    for (const finalist of final.finalists) {
      const phone = await openPhone(browser);
      await phone.goto(`${baseUrl}${finalist.joinPath}`);
      await expect.poll(() => phone.locator('.final-lobby').count()).toBe(1);
      phones.push(phone);
    }
    const audience = await openPhone(browser);
    await audience.goto(`${baseUrl}${final.audiencePath}`);
    await expect.poll(() => audience.locator('.final-lobby').count()).toBe(1);
    // The host sees every phone connected.
    await expect.poll(() => host.locator('.final-chip', { hasText: '在线' }).count()).toBe(3);

    await host.getByRole('button', { name: '出题' }).click();
    for (const phone of phones) await phone.locator('.final-choice').first().waitFor();
    await expect.poll(() => audience.locator('.final-countdown').count()).toBe(1);
    // Two answer; the third phone drops and comes back mid-question.
    await phones[0]!.locator('.final-choice').first().click();
    await phones[1]!.locator('.final-choice').nth(1).click();
    await expect.poll(() => phones[0]!.locator('.final-feedback').first().textContent()).toContain('已提交');
    await phones[2]!.reload();
    await phones[2]!.locator('.final-choice').first().waitFor();
    await expect.poll(() => host.locator('.final-chip-in').count()).toBe(2);
    await expect.poll(() => audience.locator('.final-chip-in').count()).toBe(2);
    // Nothing marks the right option before the reveal.
    expect(await audience.locator('.final-option-right').count()).toBe(0);
    await host.screenshot({ path: `${SHOTS}/final-host-1280.png` });
    await phones[0]!.screenshot({ path: `${SHOTS}/final-phone-390.png`, fullPage: true });
    await expectNoSidewaysScroll(phones[0]!);

    await host.getByRole('button', { name: '揭晓答案' }).click();
    await expect.poll(() => audience.locator('.final-option-right').count()).toBeGreaterThan(0);
    await expect.poll(() => phones[2]!.locator('.final-feedback').first().textContent()).toContain('未作答');
    await expect.poll(() => audience.locator('.final-standings tbody tr').count()).toBe(3);

    await host.getByRole('button', { name: '下一题' }).click();
    await phones[0]!.locator('.final-choice').first().waitFor();
    await host.getByRole('button', { name: '揭晓答案' }).click();
    await host.getByRole('button', { name: '结束决赛并公布结果' }).click();
    await expect.poll(() => host.locator('.form-message').textContent()).toContain('结果已保存');
    await expect.poll(() => audience.locator('.final-prize').count()).toBeGreaterThan(0);
    await host.screenshot({ path: `${SHOTS}/final-host-ended-1280.png` });

    // The first finalist's certificate, then its public check.
    await phones[0]!.getByRole('link', { name: '查看并打印证书' }).click();
    await phones[0]!.locator('.certificate').waitFor();
    const code = (await phones[0]!.locator('.certificate-code').textContent())!;
    expect(code).toMatch(/^[23456789A-HJ-NP-Z]{10}$/);
    await phones[0]!.screenshot({ path: `${SHOTS}/final-certificate-390.png`, fullPage: true });
    await phones[0]!.emulateMedia({ media: 'print' });
    await phones[0]!.pdf?.({ path: `${SHOTS}/final-certificate.pdf`, format: 'A4' }).catch(() => undefined);
    await audience.goto(`${baseUrl}/certificates/${code}`);
    await expect.poll(() => audience.locator('.certificate-check').textContent()).toContain(code);
    expect(await audience.locator('.certificate-check').textContent()).not.toContain(final.finalists[0]!.name);
    await hostContext.close();
  });
});
