// Leaderboards through HTTP against D1: order and tie-breaks, masking, season totals over days,
// district and day boards, and `me` — checked against the full board, and the score moves
// checked against a replay of the attempts.
import { env } from 'cloudflare:workers';
import type { InferRequestType } from 'hono/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { movesFromAttempts } from '../../worker/db/quiz-moves.ts';
import { errorOf, testClient } from './helpers.ts';
import { newPlayer, playDay, setUpSeason } from './quiz-fixtures.ts';

const day = (date: string, time = '20:00') => Date.parse(`${date}T${time}:00+08:00`);

interface Board {
  items: { rank: number; name: string; district: string; score: number; timeMs: number }[];
  me?: { rank: number; score: number; timeMs: number };
}

type BoardQuery = InferRequestType<
  ReturnType<typeof testClient>['quiz']['seasons'][':seasonId']['leaderboard']['$get']
>['query'];
const leaderboard = (seasonId: string, query: BoardQuery = {}, cookie?: string) =>
  testClient({ ...(cookie && { cookie }) }).quiz.seasons[':seasonId'].leaderboard.$get({ param: { seasonId }, query });

const board = async (seasonId: string, query: BoardQuery = {}, cookie?: string) => {
  const response = await leaderboard(seasonId, query, cookie);
  expect(response.status).toBe(200);
  return (await response.json()) as Board;
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(day('2026-08-01'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the season board', () => {
  it('orders by score, then less time, then the earlier finish, with names masked', async () => {
    const { seasonId } = await setUpSeason({ startsOn: '2026-08-01', endsOn: '2026-08-31' });
    const slow = await newPlayer('张三', '东昌府区');
    const fast = await newPlayer('李四', '冠县');
    const best = await newPlayer('欧阳娜娜', '莘县');
    const later = await newPlayer('王五', '冠县');
    await playDay(seasonId, slow.cookie, { at: day('2026-08-01', '20:00'), tookMs: 50_000, right: 3 });
    await playDay(seasonId, fast.cookie, { at: day('2026-08-01', '20:01'), tookMs: 40_000, right: 3 });
    await playDay(seasonId, best.cookie, { at: day('2026-08-01', '20:02'), tookMs: 90_000, right: 4 });
    await playDay(seasonId, later.cookie, { at: day('2026-08-01', '20:05'), tookMs: 40_000, right: 3 }); // ties with 李四, finishes later

    const response = await leaderboard(seasonId);
    const text = await response.clone().text();
    const { items, me } = (await response.json()) as Board;
    expect(items).toEqual([
      { rank: 1, name: '欧***', district: '莘县', score: 40, timeMs: 90_000 },
      { rank: 2, name: '李*', district: '冠县', score: 30, timeMs: 40_000 },
      { rank: 3, name: '王*', district: '冠县', score: 30, timeMs: 40_000 },
      { rank: 4, name: '张*', district: '东昌府区', score: 30, timeMs: 50_000 },
    ]);
    expect(me).toBeUndefined();
    for (const name of ['张三', '李四', '欧阳娜娜', '王五']) expect(text).not.toContain(name);
    expect(text).not.toMatch(/139\d{8}|personId|phone/);

    expect((await board(seasonId, {}, later.cookie)).me).toEqual({ rank: 3, score: 30, timeMs: 40_000 });
    expect((await board(seasonId, { limit: '2' })).items.map((item) => item.rank)).toEqual([1, 2]);
  });

  it('adds up days, and `me` is the place on the full board for every player', async () => {
    const { seasonId } = await setUpSeason({
      startsOn: '2026-08-01',
      endsOn: '2026-08-05',
      questionsPerDay: 5,
      pointsPerCorrect: 10,
    });
    const players = [];
    for (let i = 0; i < 14; i++) players.push(await newPlayer(`选手${i}`, i % 3 === 0 ? '冠县' : '临清市'));
    // Scores 0–150 and 10–180 s over three days: players move between count rows, some tie on score.
    for (const [d, date] of ['2026-08-01', '2026-08-02', '2026-08-03'].entries()) {
      for (const [i, player] of players.entries()) {
        if ((i + d) % 5 === 4) continue; // some skip a day
        await playDay(seasonId, player.cookie, {
          at: day(date, '19:00') + i * 1000,
          tookMs: 10_000 + ((i * 7919 + d * 31) % 50) * 1000,
          right: (i * 3 + d * 2) % 6,
        });
      }
    }
    const full = (await board(seasonId, { limit: '100' })).items;
    expect(full).toHaveLength(14);
    for (let i = 1; i < full.length; i++) {
      const [a, b] = [full[i - 1]!, full[i]!];
      expect(a.score > b.score || (a.score === b.score && a.timeMs <= b.timeMs)).toBe(true);
    }
    const totals = await env.DB.prepare(
      'SELECT person_id, score, time_ms, days_played FROM quiz_players WHERE season_id = ?',
    )
      .bind(seasonId)
      .all<{ person_id: string; score: number; time_ms: number; days_played: number }>();
    const sums = await env.DB.prepare(
      'SELECT person_id, sum(score) AS score, sum(duration_ms) AS time_ms, count(*) AS days_played FROM quiz_attempts WHERE season_id = ? GROUP BY person_id',
    )
      .bind(seasonId)
      .all();
    expect(new Set(totals.results.map((row) => JSON.stringify(row)))).toEqual(
      new Set(sums.results.map((row) => JSON.stringify(row))),
    );

    for (const player of players) {
      const { me } = await board(seasonId, {}, player.cookie);
      const own = totals.results.find((row) => row.person_id === player.personId)!;
      expect(me).toMatchObject({ score: own.score, timeMs: own.time_ms });
      expect(full[me!.rank - 1]).toMatchObject({ score: own.score, timeMs: own.time_ms });
    }
    const ranks = await Promise.all(players.map(async (player) => (await board(seasonId, {}, player.cookie)).me!.rank));
    expect(ranks.sort((a, b) => a - b)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));

    // The move rows are what a replay of the attempts gives.
    const moves = await env.DB.batch([
      env.DB.prepare(
        'SELECT from_score, jumps, arrivals, departures FROM quiz_moves WHERE season_id = ?1 ORDER BY from_score',
      ).bind(seasonId),
      env.DB.prepare(`SELECT from_score, jumps, arrivals, departures FROM (${movesFromAttempts('?1')})`).bind(seasonId),
    ]);
    const parsed = (rows: Record<string, unknown>[]) =>
      rows.map((row) => ({
        from: row.from_score,
        ...Object.fromEntries(
          ['jumps', 'arrivals', 'departures'].map((key) => [key, JSON.parse(row[key] as string) as unknown]),
        ),
      }));
    expect(parsed(moves[0]!.results as Record<string, unknown>[])).toEqual(
      parsed(moves[1]!.results as Record<string, unknown>[]),
    );
  }, 30_000); // 120 requests: over the default 5 s when the machine is busy

  it('shows one district, with `me` there only for its own players', async () => {
    const { seasonId } = await setUpSeason({ startsOn: '2026-08-01', endsOn: '2026-08-31' });
    const a = await newPlayer('东一', '东昌府区');
    const b = await newPlayer('冠一', '冠县');
    const c = await newPlayer('冠二', '冠县');
    await playDay(seasonId, a.cookie, { at: day('2026-08-01'), tookMs: 10_000, right: 5 });
    await playDay(seasonId, b.cookie, { at: day('2026-08-01'), tookMs: 20_000, right: 2 });
    await playDay(seasonId, c.cookie, { at: day('2026-08-01'), tookMs: 20_000, right: 4 });

    const district = '冠县';
    const guanxian = await board(seasonId, { district }, b.cookie);
    expect(guanxian.items.map((item) => [item.rank, item.name, item.score])).toEqual([
      [1, '冠*', 40],
      [2, '冠*', 20],
    ]);
    expect(guanxian.me).toEqual({ rank: 2, score: 20, timeMs: 20_000 });
    expect((await board(seasonId, { district }, a.cookie)).me).toBeUndefined();
    expect((await board(seasonId, {}, b.cookie)).me?.rank).toBe(3);

    const unknown = await leaderboard(seasonId, { district: '海淀区' });
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).issues).toEqual([{ path: 'district', message: '请选择本市的区县。' }]);
  });
});

describe('the day board', () => {
  it("ranks one day's attempts, a late one with its saved answers (none) and the whole time limit, by district too", async () => {
    const { seasonId } = await setUpSeason({ startsOn: '2026-08-01', endsOn: '2026-08-31', timeLimitSec: 60 });
    const a = await newPlayer('甲一', '冠县');
    const b = await newPlayer('乙一', '莘县');
    const c = await newPlayer('丙一', '冠县');
    await playDay(seasonId, a.cookie, { at: day('2026-08-01'), tookMs: 30_000, right: 5 });
    await playDay(seasonId, b.cookie, { at: day('2026-08-01'), tookMs: 20_000, right: 3 });
    await playDay(seasonId, c.cookie, { at: day('2026-08-01'), tookMs: 61_000, right: 5 }); // late
    await playDay(seasonId, c.cookie, { at: day('2026-08-02'), tookMs: 15_000, right: 5 });
    await playDay(seasonId, b.cookie, { at: day('2026-08-02'), tookMs: 25_000, right: 5 });

    const first = await board(seasonId, { day: '2026-08-01' }, c.cookie);
    expect(first.items.map(({ name, score, timeMs }) => [name, score, timeMs])).toEqual([
      ['甲*', 50, 30_000],
      ['乙*', 30, 20_000],
      ['丙*', 0, 60_000],
    ]);
    expect(first.me).toEqual({ rank: 3, score: 0, timeMs: 60_000 });
    const second = await board(seasonId, { day: '2026-08-02' }, c.cookie);
    expect(second.items.map(({ name, score }) => [name, score])).toEqual([
      ['丙*', 50],
      ['乙*', 50],
    ]);
    expect(second.me).toEqual({ rank: 1, score: 50, timeMs: 15_000 });
    expect((await board(seasonId, { day: '2026-08-02' }, a.cookie)).me).toBeUndefined(); // a did not play that day

    const guanxian = await board(seasonId, { day: '2026-08-01', district: '冠县' }, c.cookie);
    expect(guanxian.items.map(({ name, score }) => [name, score])).toEqual([
      ['甲*', 50],
      ['丙*', 0],
    ]);
    expect(guanxian.me?.rank).toBe(2);

    // The season: c's late day adds no points but its whole time limit, b's two days add up.
    expect((await board(seasonId)).items.map(({ name, score, timeMs }) => [name, score, timeMs])).toEqual([
      ['乙*', 80, 45_000],
      ['甲*', 50, 30_000],
      ['丙*', 50, 75_000],
    ]);
  });

  it('refuses bad queries with 400', async () => {
    const { seasonId } = await setUpSeason();
    for (const query of [
      { day: '2026-02-30' },
      { day: 'yesterday' },
      { limit: '0' },
      { limit: '101' },
      { limit: 'ten' },
    ]) {
      const response = await leaderboard(seasonId, query);
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect((await errorOf(response)).code).toBe('validation_failed');
    }
    expect((await leaderboard('nope')).status).toBe(404);
  });
});
