// The quiz between and across sittings, through HTTP against D1: answers saved as they are
// chosen and resumed on another sign-in, the deadline on saving, attempts nobody submitted
// scored by the ten-minute cron, an answer key nobody can harvest the same day, the review and
// the 错题本 once the day is over, the streak, practice that writes nothing, and the statistics.
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { InferRequestType } from 'hono/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOTIFICATIONS_CRON } from '../../worker/crons.ts';
import { movesFromAttempts } from '../../worker/db/quiz-moves.ts';
import worker from '../../worker/index.ts';
import { type AnyResponse, call, errorOf, signInCitizen, testClient } from './helpers.ts';
import { invariantViolations } from './invariants.ts';
import {
  answerKey,
  answersFor,
  newPlayer,
  rightIds,
  sampleQuestions,
  setUpSeason,
  startAttempt,
  type AttemptBody,
} from './quiz-fixtures.ts';

const at = (day: string, time = '12:00:00') => Date.parse(`${day}T${time}+08:00`);
const WEEK = { startsOn: '2026-08-10', endsOn: '2026-08-16' };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at('2026-08-10'));
});
afterEach(() => {
  vi.useRealTimers();
});

async function started(seasonId: string, cookie: string) {
  const response = await startAttempt(seasonId, cookie);
  expect(response.status).toBe(201);
  return ((await response.json()) as AttemptBody).attempt;
}

const quiz = (cookie?: string) => testClient({ ...(cookie && { cookie }) }).quiz;
const attemptRoutes = (cookie?: string) => quiz(cookie).attempts[':id'];
const seasonRoutes = (cookie?: string) => quiz(cookie).seasons[':seasonId'];
type Answers = InferRequestType<ReturnType<typeof attemptRoutes>['submit']['$post']>['json']['answers'];

const save = (attemptId: string, questionId: string, optionIds: string[], cookie: string) =>
  attemptRoutes(cookie).answers[':questionId'].$put({ param: { id: attemptId, questionId }, json: { optionIds } });
const submit = (attemptId: string, cookie: string, answers: Answers = []) =>
  attemptRoutes(cookie).submit.$post({ param: { id: attemptId }, json: { answers } });
const today = (seasonId: string, cookie: string) => seasonRoutes(cookie).attempts.today.$get({ param: { seasonId } });
const review = (attemptId: string, cookie?: string) => attemptRoutes(cookie).$get({ param: { id: attemptId } });
const leaderboard = (seasonId: string, query: { day?: string } = {}, cookie?: string) =>
  seasonRoutes(cookie).leaderboard.$get({ param: { seasonId }, query });
const mySeason = (seasonId: string, cookie: string) => seasonRoutes(cookie).me.$get({ param: { seasonId } });
/** The answer of a request that must succeed, typed by its route. */
const ok = async <R extends AnyResponse>(sent: Promise<R>) => {
  const response = await sent;
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Awaited<ReturnType<R['json']>>;
};

/** The ten-minute cron, as workerd runs it. */
async function tick(scheduledTime: number) {
  const controller = { scheduledTime, cron: NOTIFICATIONS_CRON, noRetry() {} } as ScheduledController;
  await worker.scheduled(controller, env, createExecutionContext());
}

describe('answers saved as they are chosen', () => {
  it('resume on another sign-in with what was saved, and count when that one submits', async () => {
    const { seasonId } = await setUpSeason(WEEK);
    vi.setSystemTime(at('2026-08-10', '11:58:00'));
    const phone = await newPlayer();
    vi.setSystemTime(at('2026-08-10', '11:59:30')); // a code a minute per phone
    const laptop = await signInCitizen(phone.phone); // the same person, a second sign-in
    vi.setSystemTime(at('2026-08-10'));
    const attempt = await started(seasonId, phone.cookie);
    const answers = await answersFor(seasonId, attempt, 3);
    for (const answer of answers.slice(0, 3)) {
      expect((await save(attempt.id, answer.questionId, answer.optionIds, phone.cookie)).status).toBe(204);
    }
    // A changed mind replaces the saved answer.
    const wrong = answers[3]!;
    expect(
      (await save(attempt.id, wrong.questionId, [attempt.questions[3]!.options[0]!.id], phone.cookie)).status,
    ).toBe(204);
    expect((await save(attempt.id, wrong.questionId, wrong.optionIds, phone.cookie)).status).toBe(204);

    vi.setSystemTime(at('2026-08-10', '12:00:40'));
    const resumed = await today(seasonId, laptop.cookie);
    expect(resumed.status).toBe(200);
    const { attempt: again } = (await resumed.json()) as AttemptBody;
    expect(again.questions).toEqual(attempt.questions);
    expect(again.answers).toEqual(answers.slice(0, 4));
    // Starting again is the same resume.
    expect(((await (await startAttempt(seasonId, laptop.cookie)).json()) as AttemptBody).attempt.answers).toEqual(
      answers.slice(0, 4),
    );

    vi.setSystemTime(at('2026-08-10', '12:01:00'));
    const result = await submit(attempt.id, laptop.cookie);
    expect(result.status).toBe(200);
    expect(await result.json()).toMatchObject({ score: 30, correct: 3, total: 5, late: false, durationMs: 60_000 });
  });

  it('lets an on-time submit answer over the saved answers', async () => {
    const { seasonId } = await setUpSeason(WEEK);
    const player = await newPlayer();
    const attempt = await started(seasonId, player.cookie);
    const right = await answersFor(seasonId, attempt, 5);
    const wrong = await answersFor(seasonId, attempt, 0);
    await save(attempt.id, right[0]!.questionId, right[0]!.optionIds, player.cookie);
    await save(attempt.id, right[1]!.questionId, right[1]!.optionIds, player.cookie);
    const result = await submit(attempt.id, player.cookie, [wrong[1]!, right[2]!]);
    expect(await result.json()).toMatchObject({ score: 20, correct: 2 });
  });

  it('refuses saving after the deadline by the server clock, after the submit, and for what the attempt does not have', async () => {
    const { seasonId } = await setUpSeason({ ...WEEK, timeLimitSec: 30 });
    const player = await newPlayer();
    const attempt = await started(seasonId, player.cookie);
    const [first] = await answersFor(seasonId, attempt, 1);

    const unknownOption = await save(attempt.id, first!.questionId, ['not-an-option'], player.cookie);
    expect(unknownOption.status).toBe(400);
    expect(await errorOf(unknownOption)).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'optionIds.0', message: '这道题没有这个选项。' }],
    });
    // Another question's option is not this question's.
    const otherOption = attempt.questions[1]!.options[0]!.id;
    expect((await save(attempt.id, first!.questionId, [otherOption], player.cookie)).status).toBe(400);
    // call(): option ids of the wrong type, which the typed client would not send.
    const notAList = await call(`/api/quiz/attempts/${attempt.id}/answers/${first!.questionId}`, {
      method: 'PUT',
      cookie: player.cookie,
      body: { optionIds: 'A' },
    });
    expect(notAList.status).toBe(400);
    expect((await save(attempt.id, 'not-asked', [], player.cookie)).status).toBe(404);
    const stranger = await newPlayer('王五', '莘县');
    expect((await save(attempt.id, first!.questionId, first!.optionIds, stranger.cookie)).status).toBe(404);
    expect((await today(seasonId, stranger.cookie)).status).toBe(404);

    vi.setSystemTime(at('2026-08-10', '12:00:30'));
    expect((await save(attempt.id, first!.questionId, first!.optionIds, player.cookie)).status).toBe(204);
    vi.setSystemTime(at('2026-08-10', '12:00:30') + 1);
    const late = await save(attempt.id, first!.questionId, [], player.cookie);
    expect(late.status).toBe(409);
    expect(await errorOf(late)).toMatchObject({
      code: 'attempt_closed',
      message: '本次答题已经结束，之后的作答不再保存。',
    });
    expect((await errorOf(await today(seasonId, player.cookie))).code).toBe('attempt_closed');

    // The answer saved in time counts; the late submit's own answers do not.
    const result = await submit(attempt.id, player.cookie, await answersFor(seasonId, attempt, 5));
    expect(await result.json()).toMatchObject({ score: 10, correct: 1, late: true, durationMs: 30_000 });
    expect((await save(attempt.id, first!.questionId, [], player.cookie)).status).toBe(409);
  });
});

describe('attempts nobody submitted', () => {
  it('are scored by the ten-minute cron with their saved answers, exactly as a late submit would be', async () => {
    const { seasonId } = await setUpSeason({ ...WEEK, timeLimitSec: 60 });
    const gone = await newPlayer('离开', '冠县');
    const stays = await newPlayer('留下', '冠县');
    const submitter = await newPlayer('交卷', '莘县');
    const lateComer = await newPlayer('迟交', '莘县');

    const goneAttempt = await started(seasonId, gone.cookie);
    const lateAttempt = await started(seasonId, lateComer.cookie);
    for (const [attempt, cookie] of [
      [goneAttempt, gone.cookie],
      [lateAttempt, lateComer.cookie],
    ] as const) {
      for (const answer of (await answersFor(seasonId, attempt, 4)).slice(0, 4)) {
        expect((await save(attempt.id, answer.questionId, answer.optionIds, cookie)).status).toBe(204);
      }
    }
    const submitted = await started(seasonId, submitter.cookie);
    vi.setSystemTime(at('2026-08-10', '12:00:50'));
    expect((await submit(submitted.id, submitter.cookie, await answersFor(seasonId, submitted, 5))).status).toBe(200);
    vi.setSystemTime(at('2026-08-10', '12:00:55'));
    const openOne = await started(seasonId, stays.cookie);

    vi.setSystemTime(at('2026-08-10', '12:01:30'));
    const late = await submit(lateAttempt.id, lateComer.cookie, []);
    expect(await late.json()).toMatchObject({ score: 40, late: true, durationMs: 60_000 });

    await tick(at('2026-08-10', '12:01:40')); // gone's deadline has passed; stays' has not
    const attempts = await env.DB.prepare(
      'SELECT id, score, correct, duration_ms, late, season_rank, submitted_at IS NOT NULL AS scored FROM quiz_attempts WHERE season_id = ?',
    )
      .bind(seasonId)
      .all<Record<string, number | string>>();
    const byId = new Map(attempts.results.map((row) => [row.id, row]));
    expect(byId.get(goneAttempt.id)).toMatchObject({ score: 40, correct: 4, duration_ms: 60_000, late: 1, scored: 1 });
    expect(byId.get(openOne.id)).toMatchObject({ scored: 0 });

    // On the boards as the late submit is: same points and time, the rank after their finish.
    const board = await ok(leaderboard(seasonId, { day: '2026-08-10' }));
    expect(board.items.map((item) => [item.name, item.score, item.timeMs])).toEqual([
      ['交*', 50, 50_000],
      ['迟*', 40, 60_000],
      ['离*', 40, 60_000],
    ]);
    const me = await ok(leaderboard(seasonId, {}, gone.cookie));
    expect(me.me).toEqual({ rank: 3, score: 40, timeMs: 60_000 });
    expect(byId.get(goneAttempt.id)!.season_rank).toBe(3);
    expect(await invariantViolations()).toEqual([]);
    const moves = await env.DB.batch(
      [
        env.DB.prepare(
          'SELECT from_score, jumps, arrivals, departures FROM quiz_moves WHERE season_id = ?1 ORDER BY 1',
        ),
        env.DB.prepare(`SELECT from_score, jumps, arrivals, departures FROM (${movesFromAttempts('?1')})`),
      ].map((statement) => statement.bind(seasonId)),
    );
    const parsed = (rows: unknown[]) =>
      (rows as Record<string, unknown>[]).map((row) =>
        Object.values(row).map((value) => (typeof value === 'string' ? JSON.parse(value) : value)),
      );
    expect(parsed(moves[0]!.results)).toEqual(parsed(moves[1]!.results));

    // The player who comes back finds it submitted; a second run scores nothing again.
    expect((await errorOf(await submit(goneAttempt.id, gone.cookie))).code).toBe('already_submitted');
    await tick(at('2026-08-10', '12:01:50'));
    const totals = await env.DB.prepare('SELECT score, days_played FROM quiz_players WHERE person_id = ?')
      .bind(gone.personId)
      .first();
    expect(totals).toEqual({ score: 40, days_played: 1 });

    // Once its deadline passes, the one left open is scored too (nothing saved: 0, the time limit).
    await tick(at('2026-08-10', '12:02:00'));
    const stayed = await env.DB.prepare('SELECT score, time_ms FROM quiz_players WHERE person_id = ?')
      .bind(stays.personId)
      .first();
    expect(stayed).toEqual({ score: 0, time_ms: 60_000 });
  });
});

describe('the answer key', () => {
  it('is nowhere in any answer of the day it is played, and comes with the review the day after', async () => {
    // Five questions a day from a bank of five: every player gets the same questions.
    const questions = sampleQuestions(5, '钥匙题');
    const { seasonId } = await setUpSeason({ ...WEEK, questions, questionsPerDay: 5 });
    const key = await answerKey(seasonId);
    const bodies: string[] = [];
    const recorded = async <R extends AnyResponse>(sent: Promise<R>) => {
      const response = await sent;
      bodies.push(await response.clone().text());
      return response;
    };

    const main = await newPlayer('主号', '冠县');
    const second = await newPlayer('小号', '冠县');
    const attempts = new Map<string, AttemptBody['attempt']>();
    for (const [player, right] of [
      [second, 2],
      [main, 4],
    ] as const) {
      vi.setSystemTime(at('2026-08-10', player === second ? '09:00:00' : '10:00:00'));
      const start = await recorded(seasonRoutes(player.cookie).attempts.$post({ param: { seasonId } }));
      const { attempt } = (await start.json()) as AttemptBody;
      attempts.set(player.personId, attempt);
      const answers = await answersFor(seasonId, attempt, right);
      for (const answer of answers.slice(0, 3)) {
        await recorded(save(attempt.id, answer.questionId, answer.optionIds, player.cookie));
      }
      await recorded(today(seasonId, player.cookie));
      await recorded(seasonRoutes(player.cookie).$get({ param: { seasonId } }));
      vi.setSystemTime(Date.now() + 45_000);
      const submitted = await recorded(submit(attempt.id, player.cookie, answers));
      expect(submitted.status).toBe(200);
      // Everything else a player may ask for that day.
      const param = { seasonId };
      const season = seasonRoutes(player.cookie);
      for (const [path, sent] of [
        ['attempt', () => review(attempt.id, player.cookie)],
        ['season', () => season.$get({ param })],
        ['mistakes', () => season.mistakes.$get({ param })],
        ['practice?count=50', () => season.practice.$get({ param, query: { count: '50' } })],
        ['me', () => mySeason(seasonId, player.cookie)],
        ['leaderboard', () => leaderboard(seasonId, {}, player.cookie)],
        ['leaderboard?day=2026-08-10', () => leaderboard(seasonId, { day: '2026-08-10' }, player.cookie)],
      ] as const) {
        expect((await recorded<AnyResponse>(sent())).status, path).toBe(200);
      }
      expect((await recorded(season.attempts.$post({ param }))).status).toBe(409);
    }
    expect(bodies.length).toBeGreaterThanOrEqual(30);

    // Two players see different ids for every option of the same questions.
    const [mine, theirs] = [attempts.get(main.personId)!, attempts.get(second.personId)!];
    const idsOf = (attempt: AttemptBody['attempt']) => attempt.questions.flatMap((q) => q.options.map((o) => o.id));
    expect(new Set(mine.questions.map((q) => q.id))).toEqual(new Set(theirs.questions.map((q) => q.id)));
    expect(idsOf(mine).filter((id) => idsOf(theirs).includes(id))).toEqual([]);

    // The next day the review tells the right options and why, under each attempt's own ids.
    vi.setSystemTime(at('2026-08-11', '00:00:01'));
    const rightOptionIds: string[] = [];
    for (const attempt of [mine, theirs]) {
      const player = attempt === mine ? main : second;
      const reviewed = await ok(review(attempt.id, player.cookie));
      for (const [index, result] of reviewed.results.entries()) {
        const question = attempt.questions[index]!;
        expect(result.questionId).toBe(question.id);
        // Only in a review that is open (the day after): this one is.
        const answerIds = result.answerIds!;
        expect(answerIds.sort()).toEqual(rightIds(key, question).sort());
        expect(result.explanation).toBe(key.get(question.id)!.explanation);
        rightOptionIds.push(...answerIds);
      }
      expect(reviewed.results.filter((r) => r.correct)).toHaveLength(attempt === mine ? 4 : 2);
    }
    expect(rightOptionIds.length).toBeGreaterThanOrEqual(10);

    // None of it was in any answer of the day played: not a right option's id (the attempt's or
    // the option's own), not an explanation, not a field that could carry them. The ids that must
    // be there are left out of the search: each option's own entry in the question, and the
    // player's own choices echoed back (their own answers, right or wrong, are no answer key).
    const secrets = [
      ...rightOptionIds,
      ...[...key.values()].flatMap((entry) => [...entry.answerIds, ...entry.optionIds, entry.explanation]),
    ];
    const withoutOptionsAndChoices = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(withoutOptionsAndChoices);
      if (typeof value !== 'object' || value === null) return value;
      const entries = Object.entries(value).filter(([name]) => name !== 'answers');
      const isOption = entries.length === 2 && 'id' in value && 'text' in value;
      return Object.fromEntries(
        entries.map(([name, inner]) => [name, isOption && name === 'id' ? '' : withoutOptionsAndChoices(inner)]),
      );
    };
    for (const body of bodies) {
      expect(body).not.toMatch(/"(answerIds|explanation)"\s*:|解析/);
      const searched = JSON.stringify(withoutOptionsAndChoices(JSON.parse(body || 'null')));
      for (const secret of secrets) expect(searched).not.toContain(secret);
    }
  });

  it('keeps the review of an open or unsubmitted attempt and of someone else’s', async () => {
    const { seasonId } = await setUpSeason(WEEK);
    const player = await newPlayer();
    const attempt = await started(seasonId, player.cookie);
    const response = await review(attempt.id, player.cookie);
    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe('attempt_open');
    await submit(attempt.id, player.cookie);
    vi.setSystemTime(at('2026-08-11'));
    const stranger = await newPlayer('王五', '莘县');
    expect((await review(attempt.id, stranger.cookie)).status).toBe(404);
    expect((await review(attempt.id)).status).toBe(401);
  });
});

describe('reasons to come back', () => {
  /** Plays `day` with `right` right answers; returns the attempt. */
  async function playOn(seasonId: string, cookie: string, day: string, right: number, time = '12:00:00') {
    vi.setSystemTime(at(day, time));
    const attempt = await started(seasonId, cookie);
    vi.setSystemTime(at(day, time) + 30_000);
    const response = await submit(attempt.id, cookie, await answersFor(seasonId, attempt, right));
    expect(response.status).toBe(200);
    return { attempt, result: (await response.json()) as { rank: number } };
  }
  const streak = async (seasonId: string, cookie: string) =>
    (await ok(seasonRoutes(cookie).$get({ param: { seasonId } }))).today.streak;

  it('counts a streak of days played, kept until today is played and reset by a missed day', async () => {
    const { seasonId } = await setUpSeason(WEEK);
    const player = await newPlayer();
    expect(await streak(seasonId, player.cookie)).toBe(0);
    await playOn(seasonId, player.cookie, '2026-08-10', 2);
    await playOn(seasonId, player.cookie, '2026-08-11', 3);
    expect(await streak(seasonId, player.cookie)).toBe(2);
    vi.setSystemTime(at('2026-08-12', '08:00:00')); // not played yet today: the streak holds
    expect(await streak(seasonId, player.cookie)).toBe(2);
    vi.setSystemTime(at('2026-08-13', '08:00:00')); // the 12th was missed
    expect(await streak(seasonId, player.cookie)).toBe(0);
    await playOn(seasonId, player.cookie, '2026-08-13', 1);
    expect(await streak(seasonId, player.cookie)).toBe(1);
    expect((await ok(mySeason(seasonId, player.cookie))).streak).toBe(1);
  });

  it('keeps the 错题本 of days that are over: my wrong answers with the right ones and why', async () => {
    const { seasonId } = await setUpSeason(WEEK);
    const key = await answerKey(seasonId);
    const player = await newPlayer();
    const first = await playOn(seasonId, player.cookie, '2026-08-10', 3);
    await playOn(seasonId, player.cookie, '2026-08-11', 1);
    const mistakes = () => ok(seasonRoutes(player.cookie).mistakes.$get({ param: { seasonId } }));
    const { items } = await mistakes();
    // Today's (the 11th) wrong answers wait for tomorrow.
    expect(items.map((item) => [item.day, item.question.id])).toEqual(
      first.attempt.questions.slice(3).map((q) => ['2026-08-10', q.id]),
    );
    for (const item of items) {
      const shown = first.attempt.questions.find((q) => q.id === item.question.id)!;
      expect(item.attemptId).toBe(first.attempt.id);
      expect(item.question.options).toEqual(shown.options);
      expect(item.question.answerIds.sort()).toEqual(rightIds(key, shown).sort());
      expect(item.question.explanation).toBe(key.get(shown.id)!.explanation);
      expect(item.chosenIds).toHaveLength(1);
      expect(item.question.answerIds).not.toContain(item.chosenIds[0]);
    }
    vi.setSystemTime(at('2026-08-12'));
    expect((await mistakes()).items).toHaveLength(6);
  });

  it('practises the questions of my days that are over, and scores and writes nothing', async () => {
    const { seasonId } = await setUpSeason({ ...WEEK, questions: sampleQuestions(40) });
    const player = await newPlayer();
    const other = await newPlayer('李四', '莘县');
    const practiceOf = (count: string) =>
      seasonRoutes(player.cookie).practice.$get({ param: { seasonId }, query: { count } });
    const practice = (count = 50) => ok(practiceOf(String(count)));
    expect((await practice()).questions).toEqual([]); // nothing played yet
    const played = await playOn(seasonId, player.cookie, '2026-08-10', 2);
    await playOn(seasonId, other.cookie, '2026-08-10', 5);
    await playOn(seasonId, player.cookie, '2026-08-11', 4);
    vi.setSystemTime(at('2026-08-11', '20:00:00'));

    const snapshot = () =>
      env.DB.batch(
        ['quiz_attempts', 'quiz_players', 'quiz_moves', 'rate_limits'].map((table) =>
          env.DB.prepare(`SELECT * FROM ${table} ${table === 'rate_limits' ? '' : 'WHERE season_id = ?1'}`).bind(
            ...(table === 'rate_limits' ? [] : [seasonId]),
          ),
        ),
      ).then((results) => JSON.stringify(results.map((result) => result.results)));
    const boards = () =>
      Promise.all(
        [{}, { day: '2026-08-10' }, { day: '2026-08-11' }].map((q) =>
          leaderboard(seasonId, q, player.cookie).then((r) => r.text()),
        ),
      );
    const [tablesBefore, boardsBefore] = [await snapshot(), await boards()];

    const { questions } = await practice();
    // Only the 10th's questions: today's wait for tomorrow, the other player's are theirs.
    expect(questions.map((q) => q.id).sort()).toEqual(played.attempt.questions.map((q) => q.id).sort());
    for (const question of questions) {
      const shown = played.attempt.questions.find((q) => q.id === question.id)!;
      expect(question.answerIds.sort()).toEqual(rightIds(await answerKey(seasonId), shown).sort());
    }
    expect((await practice(3)).questions).toHaveLength(3);
    expect((await practiceOf('0')).status).toBe(400);

    expect(await snapshot()).toBe(tablesBefore);
    expect(await boards()).toEqual(boardsBefore);
  });

  it('sums up my season: days, accuracy, and my rank after each day played', async () => {
    const { seasonId } = await setUpSeason(WEEK);
    const player = await newPlayer('张三', '冠县');
    const rival = await newPlayer('李四', '冠县');
    const ranks: number[] = [];
    await playOn(seasonId, rival.cookie, '2026-08-10', 3, '09:00:00');
    const first = await playOn(seasonId, player.cookie, '2026-08-10', 2);
    ranks.push(first.result.rank);
    const second = await playOn(seasonId, player.cookie, '2026-08-11', 5);
    ranks.push(second.result.rank);
    expect(ranks).toEqual([2, 1]);
    // The rank a submit reports is the one the board shows at that moment.
    const board = await ok(leaderboard(seasonId, {}, player.cookie));
    expect(board.me?.rank).toBe(1);

    vi.setSystemTime(at('2026-08-12'));
    expect(await ok(mySeason(seasonId, player.cookie))).toEqual({
      streak: 2,
      daysPlayed: 2,
      questions: 10,
      correct: 7,
      score: 70,
      rank: 1,
      days: [
        { day: '2026-08-10', score: 20, correct: 2, total: 5, rank: 2 },
        { day: '2026-08-11', score: 50, correct: 5, total: 5, rank: 1 },
      ],
    });
    const newcomer = await newPlayer('王五', '莘县');
    expect(await ok(mySeason(seasonId, newcomer.cookie))).toEqual({
      streak: 0,
      daysPlayed: 0,
      questions: 0,
      correct: 0,
      score: 0,
      rank: null,
      days: [],
    });
  });
});
