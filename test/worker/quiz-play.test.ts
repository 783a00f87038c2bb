// The daily challenge through HTTP against D1: starting, the answer key kept back, submitting,
// the late rule, one attempt a day (races included), China-time days and fair play.
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InferRequestType } from 'hono/client';
import { type AnyResponse, call, errorOf, signInCitizen, testClient } from './helpers.ts';
import {
  answerKey,
  answersFor,
  newPlayer,
  rightIds,
  playDay,
  sampleQuestions,
  setUpSeason,
  startAttempt,
  type AttemptBody,
} from './quiz-fixtures.ts';

const NOON = Date.parse('2026-08-10T12:00:00+08:00');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOON);
});
afterEach(() => {
  vi.useRealTimers();
});

async function started(seasonId: string, cookie: string) {
  const response = await startAttempt(seasonId, cookie);
  expect(response.status).toBe(201);
  return { text: await response.clone().text(), ...((await response.json()) as AttemptBody) };
}

const attempts = (cookie: string) => testClient({ cookie }).quiz.attempts[':id'];
type Answers = InferRequestType<ReturnType<typeof attempts>['submit']['$post']>['json']['answers'];

const submit = (attemptId: string, cookie: string, answers: Answers) =>
  attempts(cookie).submit.$post({ param: { id: attemptId }, json: { answers } });
/** Answers the typed client would not send (of the wrong type, or not JSON): raw. */
const submitRaw = (attemptId: string, cookie: string, body: unknown) =>
  call(`/api/quiz/attempts/${attemptId}/submit`, { cookie, body });

const season = (seasonId: string, cookie: string) =>
  testClient({ cookie }).quiz.seasons[':seasonId'].$get({ param: { seasonId } });

describe('starting the daily challenge', () => {
  it("draws the player's questions with options only, under ids of the attempt's own, and no trace of the answer key", async () => {
    const { seasonId } = await setUpSeason({ questionsPerDay: 5 });
    const player = await newPlayer();
    const key = await answerKey(seasonId);
    const { attempt, text } = await started(seasonId, player.cookie);

    expect(attempt.day).toBe('2026-08-10');
    expect(attempt.startedAt).toBe('2026-08-10T12:00:00+08:00');
    expect(attempt.deadline).toBe('2026-08-10T12:02:00+08:00');
    expect(attempt.questions).toHaveLength(5);
    expect(new Set(attempt.questions.map((q) => q.id)).size).toBe(5);
    for (const question of attempt.questions) {
      expect(Object.keys(question).sort()).toEqual(['id', 'options', 'stem', 'type']);
      for (const option of question.options) expect(Object.keys(option).sort()).toEqual(['id', 'text']);
      // Ids of this attempt's own: never the options' own ids.
      for (const option of question.options) expect(key.get(question.id)!.optionIds).not.toContain(option.id);
    }
    expect(attempt.answers).toEqual([]);
    const rereadText = await (await startAttempt(seasonId, player.cookie)).text();
    const seasonText = await (await season(seasonId, player.cookie)).text();
    for (const body of [text, rereadText, seasonText]) {
      expect(body).not.toMatch(/"(answerIds|correct|explanation)"\s*:|解析/i);
      for (const { explanation } of key.values()) expect(body).not.toContain(explanation);
    }
  });

  it('shows each player the options in an order of their own', async () => {
    const { seasonId } = await setUpSeason({ questionsPerDay: 20 });
    const texts = new Map([...(await answerKey(seasonId)).keys()].map((id) => [id, '']));
    const rows = await env.DB.prepare('SELECT id, options FROM quiz_questions WHERE season_id = ?')
      .bind(seasonId)
      .all();
    for (const row of rows.results) {
      texts.set(row.id as string, (JSON.parse(row.options as string) as { text: string }[]).map((o) => o.text).join());
    }
    let reordered = 0;
    for (let i = 0; i < 3; i++) {
      const { attempt } = await started(seasonId, (await newPlayer()).cookie);
      reordered += attempt.questions.filter((q) => q.options.map((o) => o.text).join() !== texts.get(q.id)).length;
    }
    expect(reordered).toBeGreaterThan(20);
  });

  it('gives the same attempt back while it is open, and 409 already_played once it is submitted', async () => {
    const { seasonId } = await setUpSeason();
    const player = await newPlayer();
    const first = await started(seasonId, player.cookie);
    vi.setSystemTime(NOON + 30_000);
    const again = await startAttempt(seasonId, player.cookie);
    expect(again.status).toBe(200);
    expect(((await again.json()) as AttemptBody).attempt).toEqual(first.attempt);

    const today = await (await season(seasonId, player.cookie)).json();
    expect(today.today).toEqual({
      day: '2026-08-10',
      open: true,
      played: false,
      streak: 1,
      attempt: { id: first.attempt.id, deadline: '2026-08-10T12:02:00+08:00' },
    });

    expect((await submit(first.attempt.id, player.cookie, await answersFor(seasonId, first.attempt, 2))).status).toBe(
      200,
    );
    const after = await startAttempt(seasonId, player.cookie);
    expect(after.status).toBe(409);
    expect((await errorOf(after)).code).toBe('already_played');
    const played = await (await season(seasonId, player.cookie)).json();
    expect(played.today).toEqual({ day: '2026-08-10', open: true, played: true, streak: 1, score: 20 });
  });

  it('refuses a second attempt once the first one is past its deadline, submitted or not', async () => {
    const { seasonId } = await setUpSeason({ timeLimitSec: 5 });
    const player = await newPlayer();
    await started(seasonId, player.cookie);
    vi.setSystemTime(NOON + 5_001);
    const response = await startAttempt(seasonId, player.cookie);
    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe('already_played');
  });

  it('keeps one attempt a day when the same player starts many times at once', async () => {
    const { seasonId } = await setUpSeason();
    const player = await newPlayer();
    const responses = await Promise.all(Array.from({ length: 12 }, () => startAttempt(seasonId, player.cookie)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(11);
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as AttemptBody).attempt.id)));
    expect(ids.size).toBe(1);
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM quiz_attempts WHERE season_id = ? AND person_id = ?')
      .bind(seasonId, player.personId)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it('is season_closed before and after the season and when the campaign is closed; a draft is not found', async () => {
    const player = await newPlayer();
    for (const dates of [
      { startsOn: '2026-08-11', endsOn: '2026-08-31' },
      { startsOn: '2026-08-01', endsOn: '2026-08-09' },
    ]) {
      const { seasonId } = await setUpSeason(dates);
      const response = await startAttempt(seasonId, player.cookie);
      expect(response.status).toBe(409);
      expect((await errorOf(response)).code).toBe('season_closed');
    }
    const { seasonId, campaignId } = await setUpSeason();
    await env.DB.prepare("UPDATE campaigns SET status = 'closed' WHERE id = ?").bind(campaignId).run();
    expect((await errorOf(await startAttempt(seasonId, player.cookie))).code).toBe('season_closed');
    await env.DB.prepare("UPDATE campaigns SET status = 'draft' WHERE id = ?").bind(campaignId).run();
    expect((await startAttempt(seasonId, player.cookie)).status).toBe(404);
    expect((await season(seasonId, player.cookie)).status).toBe(404);
    const leaderboard = testClient().quiz.seasons[':seasonId'].leaderboard;
    expect((await leaderboard.$get({ param: { seasonId }, query: {} })).status).toBe(404);
  });

  it('cannot start on an empty bank', async () => {
    const { seasonId } = await setUpSeason({ questions: [] });
    const response = await startAttempt(seasonId, (await newPlayer()).cookie);
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toMatchObject({ code: 'season_closed', message: '题库还没有题目，请稍后再来。' });
  });

  it('needs a signed-in player with a name and a district', async () => {
    const { seasonId } = await setUpSeason();
    expect((await startAttempt(seasonId, '')).status).toBe(401);
    const nameless = await signInCitizen();
    const response = await startAttempt(seasonId, nameless.cookie);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; reasons: { code: string }[] } };
    expect(body.error.code).toBe('ineligible');
    expect(body.error.reasons.map((r) => r.code)).toEqual(['name', 'district']);
  });

  it('limits how often a player may start', async () => {
    const { seasonId } = await setUpSeason();
    const player = await newPlayer();
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await startAttempt(seasonId, player.cookie)).status);
    expect(statuses).toEqual([201, ...Array(19).fill(200)]);
    const limited = await startAttempt(seasonId, player.cookie);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('submitting', () => {
  it('scores on the server, and keeps the right answers and explanations back until the day is over', async () => {
    const { seasonId } = await setUpSeason({ pointsPerCorrect: 7 });
    const player = await newPlayer();
    const { attempt } = await started(seasonId, player.cookie);
    vi.setSystemTime(NOON + 42_500);
    const response = await submit(attempt.id, player.cookie, await answersFor(seasonId, attempt, 3));
    expect(response.status).toBe(200);
    const result = (await response.json()) as { results: Record<string, unknown>[] };
    expect(result).toMatchObject({
      score: 21,
      correct: 3,
      total: 5,
      durationMs: 42_500,
      late: false,
      rank: 1,
      answersFrom: '2026-08-11',
    });
    expect(result.results).toEqual(attempt.questions.map((q, index) => ({ questionId: q.id, correct: index < 3 })));
  });

  it('tells the right answers with the submit of an attempt whose day is over by then', async () => {
    const { seasonId } = await setUpSeason({ startsOn: '2026-08-10', endsOn: '2026-08-11' });
    const player = await newPlayer();
    const key = await answerKey(seasonId);
    vi.setSystemTime(Date.parse('2026-08-10T23:59:00+08:00'));
    const { attempt } = await started(seasonId, player.cookie);
    const answers = await answersFor(seasonId, attempt, 2);
    vi.setSystemTime(Date.parse('2026-08-11T00:00:30+08:00'));
    const result = (await (await submit(attempt.id, player.cookie, answers)).json()) as {
      results: { questionId: string; answerIds: string[]; explanation: string }[];
    };
    for (const [index, r] of result.results.entries()) {
      expect(r.answerIds.sort()).toEqual(rightIds(key, attempt.questions[index]!).sort());
      expect(r.explanation).toBe(key.get(r.questionId)!.explanation);
    }
  });

  it('counts a multiple-choice question only when exactly right', async () => {
    const questions = sampleQuestions(2).filter((q) => q.type === 'multiple');
    const { seasonId } = await setUpSeason({ questions, questionsPerDay: 1 });
    const key = await answerKey(seasonId);
    const play = async (pick: (answerIds: string[], optionIds: string[]) => string[]) => {
      const player = await newPlayer();
      const { attempt } = await started(seasonId, player.cookie);
      const question = attempt.questions[0]!;
      const answerIds = rightIds(key, question);
      const optionIds = question.options.map((o) => o.id);
      return (
        (await (
          await submit(attempt.id, player.cookie, [{ questionId: question.id, optionIds: pick(answerIds, optionIds) }])
        ).json()) as { score: number }
      ).score;
    };
    expect(await play((answers) => answers)).toBe(10);
    expect(await play((answers) => answers.slice(0, 1))).toBe(0);
    expect(await play((_, options) => options)).toBe(0);
  });

  it('after the deadline (server clock) counts only the answers saved before it, and the whole time limit', async () => {
    const { seasonId } = await setUpSeason({ timeLimitSec: 5 });
    const onTime = await newPlayer('准时', '冠县');
    expect(await playDay(seasonId, onTime.cookie, { at: NOON, tookMs: 5_000, right: 5 })).toMatchObject({
      score: 50,
      late: false,
      durationMs: 5_000,
    });
    const late = await newPlayer('迟到', '冠县');
    expect(await playDay(seasonId, late.cookie, { at: NOON, tookMs: 5_001, right: 5 })).toMatchObject({
      score: 0,
      late: true,
      durationMs: 5_000,
    });

    const saver = await newPlayer('保存', '冠县');
    const { attempt } = await started(seasonId, saver.cookie);
    const answers = await answersFor(seasonId, attempt, 5);
    for (const answer of answers.slice(0, 2)) {
      const saved = await attempts(saver.cookie).answers[':questionId'].$put({
        param: { id: attempt.id, questionId: answer.questionId },
        json: { optionIds: answer.optionIds },
      });
      expect(saved.status).toBe(204);
    }
    vi.setSystemTime(NOON + 60_000);
    const result = (await (await submit(attempt.id, saver.cookie, answers)).json()) as unknown;
    expect(result).toMatchObject({ score: 20, correct: 2, late: true, durationMs: 5_000 });

    const totals = await env.DB.prepare(
      'SELECT person_id, score, time_ms, days_played FROM quiz_players WHERE season_id = ? AND person_id IN (?, ?)',
    )
      .bind(seasonId, late.personId, saver.personId)
      .all();
    expect(totals.results).toEqual(
      expect.arrayContaining([
        { person_id: late.personId, score: 0, time_ms: 5_000, days_played: 1 },
        { person_id: saver.personId, score: 20, time_ms: 5_000, days_played: 1 },
      ]),
    );
  });

  it('answers a second submit with 409 already_submitted, and counts a burst of parallel submits once', async () => {
    const { seasonId } = await setUpSeason();
    const player = await newPlayer();
    const { attempt } = await started(seasonId, player.cookie);
    const answers = await answersFor(seasonId, attempt, 4);
    // Any answer: the client's status type holds only the route's own (200), not the refusals.
    const responses: AnyResponse[] = await Promise.all(
      Array.from({ length: 8 }, () => submit(attempt.id, player.cookie, answers)),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const refused = responses.find((r) => r.status === 409)!;
    expect((await errorOf(refused)).code).toBe('already_submitted');
    expect((await submit(attempt.id, player.cookie, answers)).status).toBe(409);

    const totals = await env.DB.prepare('SELECT score, days_played FROM quiz_players WHERE season_id = ?')
      .bind(seasonId)
      .all();
    expect(totals.results).toEqual([{ score: 40, days_played: 1 }]);
    // One move, from off the board to 40 points: a jump of 4 right answers, one arrival at 40.
    const moves = await env.DB.prepare(
      'SELECT from_score, jumps, json_extract(arrivals, \'$."40"."2097152"\') AS arrived FROM quiz_moves WHERE season_id = ?',
    )
      .bind(seasonId)
      .all();
    expect(moves.results.map((row) => ({ ...row, jumps: JSON.parse(row.jumps as string) as unknown }))).toEqual([
      { from_score: -1, jumps: { 1: 1, 2: 1, 3: 1, 4: 1 }, arrived: 1 },
    ]);
  });

  it("treats another player's attempt as not found and leaves it open", async () => {
    const { seasonId } = await setUpSeason();
    const owner = await newPlayer();
    const { attempt } = await started(seasonId, owner.cookie);
    const answers = await answersFor(seasonId, attempt, 5);
    const stranger = await newPlayer('王五', '莘县');
    const response = await submit(attempt.id, stranger.cookie, answers);
    expect(response.status).toBe(404);
    expect((await submit('no-such-attempt', stranger.cookie, answers)).status).toBe(404);
    expect((await submit(attempt.id, owner.cookie, answers)).status).toBe(200);
  });

  it('refuses answers to questions of another attempt or given twice, and keeps the attempt open', async () => {
    const { seasonId } = await setUpSeason();
    const player = await newPlayer();
    const { attempt } = await started(seasonId, player.cookie);
    const first = attempt.questions[0]!.id;
    const cases = [
      [{ questionId: 'not-asked', optionIds: [] }],
      [
        { questionId: first, optionIds: [] },
        { questionId: first, optionIds: [] },
      ],
      [{ questionId: first, optionIds: 'A' }],
      'everything',
    ];
    for (const answers of cases) {
      const response = await submitRaw(attempt.id, player.cookie, { answers });
      expect(response.status, JSON.stringify(answers)).toBe(400);
      expect((await errorOf(response)).code).toBe('validation_failed');
    }
    expect((await errorOf(await submitRaw(attempt.id, player.cookie, { answers: cases[1] }))).issues).toEqual([
      { path: 'answers.1.questionId', message: '同一道题只能作答一次。' },
    ]);
    const garbage = await submitRaw(attempt.id, player.cookie, '{"answers": [');
    expect((await errorOf(garbage)).code).toBe('invalid_json');
    expect((await submit(attempt.id, player.cookie, [])).status).toBe(200);
  });

  it('limits how often a player may be refused, and counts no scoring submit', async () => {
    const { seasonId } = await setUpSeason();
    const windows = async (personId: string) =>
      // Counted by the session in SQL, under the person's random id (as sign-ups are).
      (
        await env.DB.prepare('SELECT count(*) AS n FROM rate_limits WHERE key = ?')
          .bind(`quiz-submit:${personId}`)
          .first<{ n: number }>()
      )?.n;
    const fair = await newPlayer();
    const { attempt: fairAttempt } = await started(seasonId, fair.cookie);
    expect((await submit(fairAttempt.id, fair.cookie, [])).status).toBe(200);
    expect(await windows(fair.personId)).toBe(0);

    const player = await newPlayer();
    const { attempt } = await started(seasonId, player.cookie);
    for (let i = 0; i < 20; i++)
      expect((await submit(attempt.id, player.cookie, [{ questionId: 'x', optionIds: [] }])).status).toBe(400);
    expect((await submit(attempt.id, player.cookie, [])).status).toBe(429);
  });
});

describe('days in China time', () => {
  it('turns the day at midnight UTC+8, and an attempt started before midnight counts for its own day', async () => {
    const { seasonId } = await setUpSeason({ startsOn: '2026-08-01', endsOn: '2026-08-02' });
    const player = await newPlayer();

    vi.setSystemTime(Date.parse('2026-07-31T15:59:59Z')); // 23:59:59 on July 31 in China
    expect((await errorOf(await startAttempt(seasonId, player.cookie))).code).toBe('season_closed');

    const lateEvening = Date.parse('2026-08-01T23:59:00+08:00');
    const first = await playDay(seasonId, player.cookie, { at: lateEvening, tookMs: 90_000, right: 2 }); // submitted at 00:00:30
    expect(first).toMatchObject({ score: 20, late: false });
    const attempts = await env.DB.prepare('SELECT day FROM quiz_attempts WHERE person_id = ? ORDER BY day')
      .bind(player.personId)
      .all();
    expect(attempts.results).toEqual([{ day: '2026-08-01' }]);

    vi.setSystemTime(Date.parse('2026-08-01T16:00:40Z')); // 00:00:40 on August 2 in China
    const second = await startAttempt(seasonId, player.cookie);
    expect(second.status).toBe(201);
    expect(((await second.json()) as AttemptBody).attempt.day).toBe('2026-08-02');

    const dayOne = await (
      await testClient().quiz.seasons[':seasonId'].leaderboard.$get({
        param: { seasonId },
        query: { day: '2026-08-01' },
      })
    ).json();
    expect(dayOne.items.map((item) => item.score)).toEqual([20]);

    vi.setSystemTime(Date.parse('2026-08-02T16:00:00Z')); // midnight into August 3
    expect((await errorOf(await startAttempt(seasonId, (await newPlayer('赵六', '冠县')).cookie))).code).toBe(
      'season_closed',
    );
  });
});

describe('fair play: name and district', () => {
  it('fixes them for the season once the player is on the board, and frees them when it ends', async () => {
    const { seasonId } = await setUpSeason({ startsOn: '2026-08-01', endsOn: '2026-08-31' });
    const player = await newPlayer('张三', '东昌府区');
    const patch = (json: { name?: string; district?: string; bloodType?: 'O' }) =>
      testClient({ cookie: player.cookie }).me.$patch({ json });

    const { attempt } = await started(seasonId, player.cookie);
    expect((await patch({ district: '冠县' })).status).toBe(200); // not on a board yet
    expect((await patch({ district: '东昌府区' })).status).toBe(200);
    await submit(attempt.id, player.cookie, []);

    const moved = await patch({ district: '冠县', name: '张三丰' });
    expect(moved.status).toBe(409);
    expect(await errorOf(moved)).toMatchObject({
      code: 'profile_locked',
      issues: [{ path: 'name' }, { path: 'district' }],
    });
    expect((await patch({ name: '张三', bloodType: 'O' })).status).toBe(200); // the same name, another field
    const person = await env.DB.prepare('SELECT name, district FROM people WHERE id = ?').bind(player.personId).first();
    expect(person).toEqual({ name: '张三', district: '东昌府区' });

    vi.setSystemTime(Date.parse('2026-09-01T08:00:00+08:00'));
    expect((await patch({ district: '冠县' })).status).toBe(200);
  });
});
