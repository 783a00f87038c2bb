// The daily quiz on a phone: from the quiz campaign to the score screen (the right answers and
// explanations wait for the next day) and onto the leaderboard, on a phone whose clock is ten
// minutes slow; a reload mid-quiz, a submit that fails offline and is sent again, the submit when
// time is up, a quiz interrupted by closing the tab and resumed in a new one; one look in English.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { citizenLogin, expectNoSidewaysScroll, openPhone, postAs, SHOTS, signInWithDevCode } from './citizen.ts';

const baseUrl = inject('baseUrl');
const SEASON = 'demo-quiz-season';

interface Attempt {
  id: string;
  questions: { id: string; type: string; options: { id: string }[] }[];
}

/** Someone else who played today through the API, so the board has more than one name. */
async function otherPlayer(phone: string, name: string, district: string) {
  const cookie = await citizenLogin(baseUrl, phone);
  const saved = await fetch(`${baseUrl}/api/me`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name, district }),
  });
  expect(saved.status).toBe(200);
  const { attempt } = await postAs<{ attempt: Attempt }>(baseUrl, cookie, `/api/quiz/seasons/${SEASON}/attempts`, {});
  const answers = attempt.questions.map((question) => ({
    questionId: question.id,
    optionIds: [question.options[0]!.id],
  }));
  await postAs(baseUrl, cookie, `/api/quiz/attempts/${attempt.id}/submit`, { answers });
}

/** Answers the question on screen: the first option, or the first two of a multiple choice. */
async function answerShownQuestion(page: Page) {
  const options = page.locator('.question input');
  await options.first().check();
  if ((await options.first().getAttribute('type')) === 'checkbox') await options.nth(1).check();
}

/** A screenshot to look at, then the check that nothing sticks out sideways. */
async function fitsTheWidth(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await expectNoSidewaysScroll(page);
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

/** The countdown's seconds left. */
async function secondsLeft(page: Page): Promise<number> {
  const text = (await page.locator('.countdown').textContent())!;
  expect(text).toMatch(/^\d+:\d\d$/);
  const [minutes, seconds] = text.split(':').map(Number) as [number, number];
  return minutes * 60 + seconds;
}

/** The signed-in person's name and district, through the page's own cookies. */
const saveProfile = (page: Page, profile: { name: string; district: string }) =>
  page.evaluate(
    async (body) =>
      (
        await fetch('/api/me', {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).status,
    profile,
  );

describe.skipIf(!baseUrl)('the daily quiz', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    await otherPlayer('13800000011', '赵大海', '东昌府区');
    await otherPlayer('13800000012', '钱多多', '莘县');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is played to the score screen and the leaderboard, on the server’s clock', async () => {
    const page = await openPhone(browser);
    // The phone's clock is 10 minutes slow: the countdown must still follow the server's deadline.
    await page.clock.install({ time: Date.now() - 10 * 60_000 });

    await page.goto(`${baseUrl}/campaigns/demo-quiz`);
    await page.getByRole('link', { name: '开始今日答题' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/quiz-campaign.png`, fullPage: true });
    await page.getByRole('link', { name: '开始今日答题' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await signInWithDevCode(page, '13800000001');
    await page.getByRole('heading', { level: 1, name: '“健康达人”知识挑战赛' }).waitFor();
    expect(await page.locator('.rules').textContent()).toContain('每次 5 道题，限时 2 分钟');

    // No name or district yet: the quiz says what is missing and where to fill it in.
    await page.getByRole('button', { name: '开始答题' }).click();
    const missing = page.getByRole('alert').filter({ hasText: '参加答题需要先完善个人资料' });
    await missing.waitFor();
    expect(await missing.textContent()).toContain('参加答题需先在个人资料中填写姓名。');
    expect(await missing.textContent()).toContain('参加答题需先在个人资料中选择所在区县。');
    await page.screenshot({ path: `${SHOTS}/quiz-needs-profile.png`, fullPage: true });
    await missing.getByRole('link', { name: '去填写个人资料' }).click();

    // The profile, half filled, survives a switch to English and back.
    await page.getByLabel('姓名').fill('王小丽');
    await page.getByLabel('所在区县（聊城市）').selectOption('东昌府区');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'My profile' }).waitFor();
    await expect.poll(() => page.getByLabel('Name').inputValue()).toBe('王小丽');
    expect(await page.getByLabel('District (聊城市)').inputValue()).toBe('东昌府区');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存。').waitFor();
    await page.goBack();

    await page.getByRole('button', { name: '开始答题' }).click();
    await page.getByRole('heading', { name: '第 1 题（共 5 题）' }).waitFor();
    await expect.poll(() => focusedText(page)).toBe('第 1 题（共 5 题）');
    // 120 s from the server's start (less the margin for the submit's trip), not 10 minutes more.
    const left = await secondsLeft(page);
    expect(left).toBeLessThanOrEqual(120);
    expect(left).toBeGreaterThan(90);
    await page.screenshot({ path: `${SHOTS}/quiz-question.png`, fullPage: true });

    await answerShownQuestion(page);
    await page.getByRole('button', { name: '下一题' }).click();
    await expect.poll(() => focusedText(page)).toBe('第 2 题（共 5 题）');
    await answerShownQuestion(page);
    const chosen = await page
      .locator('.question input:checked')
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));

    // A reload mid-quiz comes back to the same question with the answers given.
    await page.reload();
    await page.getByRole('heading', { name: '第 2 题（共 5 题）' }).waitFor();
    expect(await page.locator('.answered').textContent()).toBe('已答 2 / 5');
    expect(
      await page
        .locator('.question input:checked')
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
    ).toEqual(chosen);
    expect(await secondsLeft(page)).toBeLessThanOrEqual(left);

    // So does the switch to English (the page is drawn again), and back.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Question 2 of 5' }).waitFor();
    expect(await page.locator('.answered').textContent()).toBe('2 of 5 answered');
    expect(await secondsLeft(page)).toBeLessThanOrEqual(left);
    await page.screenshot({ path: `${SHOTS}/quiz-question-en.png`, fullPage: true });
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '第 2 题（共 5 题）' }).waitFor();

    for (let number = 2; number < 5; number++) {
      await page.getByRole('button', { name: '下一题' }).click();
      await expect.poll(() => focusedText(page)).toBe(`第 ${number + 1} 题（共 5 题）`);
      await answerShownQuestion(page);
    }
    await page.screenshot({ path: `${SHOTS}/quiz-last-question.png`, fullPage: true });

    // The network drops as the answers go: they stay, and go again once it is back.
    await page.context().setOffline(true);
    await page.getByRole('button', { name: '交卷' }).click();
    const failed = page.getByRole('alert').filter({ hasText: '交卷没有成功，您的答案还在。' });
    await failed.waitFor();
    expect(await failed.textContent()).toContain('网络连接失败');
    await page.screenshot({ path: `${SHOTS}/quiz-submit-offline.png`, fullPage: true });
    await page.context().setOffline(false);
    await failed.getByRole('button', { name: '重新交卷' }).click();

    await page.getByRole('heading', { name: '答题结果' }).waitFor();
    await expect.poll(() => focusedText(page)).toBe('答题结果');
    const right = await page.locator('.review-right').count();
    expect(await page.locator('.score').textContent()).toBe(`${right * 10} 分`);
    expect(await page.locator('.review-item').count()).toBe(5);
    // Right or wrong, and my own choices, but not the right answers nor why: those come tomorrow.
    expect(await page.locator('.review-item .tag-chosen, .review-item .tag-wrong').count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('.review-item .explanation').count()).toBe(0);
    expect(await page.locator('.review-item .tag-right').count()).toBe(0);
    expect(await page.locator('.answers-later').textContent()).toMatch(/^正确答案和解析将于 .+ 0:00 公布/);
    expect(await page.locator('.season-rank').textContent()).toMatch(/^赛季排名：第 \d 名$/);
    await page.screenshot({ path: `${SHOTS}/quiz-result.png`, fullPage: true });

    // The season board: the three players, names masked, mine marked with my rank.
    await page.getByRole('link', { name: '排行榜' }).click();
    await page.getByRole('heading', { name: '答题排行榜' }).waitFor();
    await page.locator('.board-row').first().waitFor();
    const names = await page.locator('.board-name').allTextContents();
    expect(names).toHaveLength(3);
    expect(names).toContain('赵**');
    expect(names).toContain('王**（我）');
    const myRank = (await page.locator('.board-me .board-rank').textContent())!;
    expect(await page.locator('.my-rank').textContent()).toContain(`第 ${myRank} 名`);
    await page.screenshot({ path: `${SHOTS}/quiz-leaderboard.png`, fullPage: true });

    // Today's board of another district has other people, not me.
    await page.getByRole('link', { name: '今日榜' }).click();
    await page.getByRole('heading', { name: '今日榜 · 全市' }).waitFor();
    await page.getByLabel('区县').selectOption('莘县');
    await page.getByRole('button', { name: '查看' }).click();
    await page.getByRole('heading', { name: '今日榜 · 莘县' }).waitFor();
    expect(await page.locator('.board-name').allTextContents()).toEqual(['钱**']);
    // Played today: never asked to play to see a rank, told where it is instead.
    await page.getByText('您不在这个榜上。 您在「东昌府区」的榜上。').waitFor();
    expect(await page.getByText('完成今天的答题后').count()).toBe(0);

    // In English: the board, then the quiz page (opened anew) shows today's result again.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Today · 莘县' }).waitFor();
    await page.getByLabel('District').selectOption('东昌府区');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('.board-me').waitFor();
    expect(await page.locator('.my-rank').textContent()).toMatch(/^My rank No\. \d+ · \d+ pts · .+ s$/);
    await page.screenshot({ path: `${SHOTS}/quiz-leaderboard-en.png`, fullPage: true });
    await page.goto(`${baseUrl}/quiz/${SEASON}`);
    await page.getByRole('heading', { name: 'Your result' }).waitFor();
    expect(await page.locator('.answers-later').textContent()).toMatch(/^The right answers and explanations come on /);
    expect(await page.locator('.review-item').first().textContent()).toMatch(/Question 1 of 5/);
    await page.screenshot({ path: `${SHOTS}/quiz-result-en.png`, fullPage: true });
    await page.context().close();
  });

  it('resumes a quiz interrupted by closing the tab in a new tab, from the answers the server kept', async () => {
    const first = await openPhone(browser);
    const context = first.context();
    await first.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(`/quiz/${SEASON}`)}`);
    await signInWithDevCode(first, '13800000003');
    await first.getByRole('button', { name: '开始答题' }).waitFor();
    expect(await saveProfile(first, { name: '周一', district: '阳谷县' })).toBe(200);
    await first.getByRole('button', { name: '开始答题' }).click();
    await first.getByRole('heading', { name: '第 1 题（共 5 题）' }).waitFor();
    const chosen: string[][] = [];
    for (let number = 1; number <= 3; number++) {
      if (number > 1) await first.getByRole('button', { name: '下一题' }).click();
      await first.getByRole('heading', { name: `第 ${number} 题（共 5 题）` }).waitFor();
      await answerShownQuestion(first);
      // Each answer says when the server has it.
      await first.locator('.save-status').filter({ hasText: '已保存' }).waitFor();
      chosen.push(
        await first
          .locator('.question input:checked')
          .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
      );
    }
    await first.screenshot({ path: `${SHOTS}/quiz-saved.png`, fullPage: true });
    await first.close(); // the tab is gone, and this tab's storage with it

    const second = await context.newPage();
    second.on('pageerror', (error) => {
      throw error;
    });
    await second.goto(`${baseUrl}/quiz/${SEASON}`);
    await second.getByText('您今天的答题已经开始，计时没有停止。').waitFor();
    await second.getByRole('button', { name: '继续答题' }).click();
    await second.getByRole('heading', { name: '第 1 题（共 5 题）' }).waitFor();
    expect(await second.locator('.answered').textContent()).toBe('已答 3 / 5');
    for (let number = 1; number <= 3; number++) {
      if (number > 1) await second.getByRole('button', { name: '下一题' }).click();
      await second.getByRole('heading', { name: `第 ${number} 题（共 5 题）` }).waitFor();
      expect(
        await second
          .locator('.question input:checked')
          .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
      ).toEqual(chosen[number - 1]);
      expect(await second.locator('.save-status').textContent()).toBe('✓ 已保存');
    }
    for (let number = 4; number <= 5; number++) {
      await second.getByRole('button', { name: '下一题' }).click();
      await second.getByRole('heading', { name: `第 ${number} 题（共 5 题）` }).waitFor();
      await answerShownQuestion(second);
    }
    await second.getByRole('button', { name: '交卷' }).click();
    await second.getByRole('heading', { name: '答题结果' }).waitFor();
    expect(await second.locator('.review-item .meta').filter({ hasText: '未作答' }).count()).toBe(0);
    await second.screenshot({ path: `${SHOTS}/quiz-resumed-result.png`, fullPage: true });
    await context.close();
  });

  it('shows the boards to anyone, with a way to sign in to see one’s rank', async () => {
    const page = await openPhone(browser);
    await page.goto(`${baseUrl}/quiz/${SEASON}/leaderboard`);
    await page.getByRole('heading', { name: '赛季总榜 · 全市' }).waitFor();
    expect(await page.locator('.board-name').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.board-me').count()).toBe(0);
    await page.getByRole('link', { name: '登录后查看我的名次' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/quiz/${SEASON}/leaderboard`);
    await page.context().close();
  });

  it('submits by itself when time is up, and fits a 320 px phone with large text', async () => {
    const page = await openPhone(browser, { width: 320 });
    await page.clock.install();
    await page.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(`/quiz/${SEASON}`)}`);
    await signInWithDevCode(page, '13800000002');
    await page.getByRole('button', { name: '开始答题' }).waitFor();
    expect(await saveProfile(page, { name: '孙悟空', district: '冠县' })).toBe(200);
    await page.getByRole('button', { name: '开始答题' }).click();
    await page.getByRole('heading', { name: '第 1 题（共 5 题）' }).waitFor();
    await answerShownQuestion(page);
    await fitsTheWidth(page, '320-quiz-question');
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    await fitsTheWidth(page, '320-quiz-question-200');
    await page.evaluate(() => (document.documentElement.style.fontSize = ''));

    // Two minutes pass on the phone: the countdown runs out and the answers go by themselves.
    await page.clock.fastForward('02:00');
    await page.getByRole('heading', { name: '答题结果' }).waitFor();
    expect(await page.locator('.review-item').count()).toBe(5);
    expect(await page.locator('.review-item .meta').filter({ hasText: '未作答' }).count()).toBe(4);
    await fitsTheWidth(page, '320-quiz-result');

    await page.getByRole('link', { name: '排行榜' }).click();
    await page.locator('.board-me').waitFor();
    await fitsTheWidth(page, '320-quiz-leaderboard');
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    await fitsTheWidth(page, '320-quiz-leaderboard-200');

    // Once played, the day is over: this tab shows the result again, another tab the score.
    await page.goto(`${baseUrl}/quiz/${SEASON}`);
    await page.getByRole('heading', { name: '答题结果' }).waitFor();
    const otherTab = await page.context().newPage();
    await otherTab.goto(`${baseUrl}/quiz/${SEASON}`);
    await otherTab.getByText(/^今天已答题，得分 \d+ 分。明天再来吧！$/).waitFor();
    await otherTab.screenshot({ path: `${SHOTS}/320-quiz-played.png`, fullPage: true });
    expect(await otherTab.getByRole('button', { name: '开始答题' }).count()).toBe(0);
    await page.context().close();
  });
});
