// Ranks against a brute-force order, over a season played submit by submit through the same
// batch as the route (recordSubmission): many ties (same total, same second, same time, same
// finish), days without points, late days, totals beyond what the trees tell apart, players at
// the bottom. Then the season, district and day `me` of every player, and the quiz_moves rows
// the submits kept against a replay of the attempts (what migration 0008 and the bench build).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../worker/db/client.ts';
import { recordSubmission } from '../../worker/db/quiz-attempts.ts';
import { dayStanding, districtStanding } from '../../worker/db/quiz-boards.ts';
import { movesFromAttempts } from '../../worker/db/quiz-moves.ts';
import { seasonStanding } from '../../worker/db/quiz-ranks.ts';
import { setUpSeason } from './quiz-fixtures.ts';

interface Entry {
  personId: string;
  score: number;
  timeMs: number;
  finishedAt: number;
}

/** The contract order: score desc, time asc, earlier finish, then person id. */
const before = (a: Entry, b: Entry) =>
  a.score !== b.score
    ? b.score - a.score
    : a.timeMs !== b.timeMs
      ? a.timeMs - b.timeMs
      : a.finishedAt !== b.finishedAt
        ? a.finishedAt - b.finishedAt
        : a.personId < b.personId
          ? -1
          : 1;

const DISTRICTS = ['冠县', '莘县', '临清市'];
const DAYS = ['2026-08-01', '2026-08-02', '2026-08-03', '2026-08-04', '2026-08-05', '2026-08-06'];
// Times on and around whole seconds, so that many players share a second or a time exactly.
const DURATIONS = [999, 1_000, 1_000, 1_001, 1_500, 20_000, 20_000, 59_999, 60_000];
// Past 2^21 s the trees count every time as their last second: these are ranked by index there.
const MARATHON = [2_100_000_000, 2_200_000_000, 2_200_000_000];

describe('season, district and day ranks', () => {
  it('equal the brute-force order for every player after many submits', async () => {
    const { seasonId } = await setUpSeason({
      startsOn: DAYS[0],
      endsOn: DAYS.at(-1),
      questionsPerDay: 5,
      pointsPerCorrect: 10,
    });
    const db = database(env.DB);
    const prefix = crypto.randomUUID().slice(0, 8);
    const players = Array.from({ length: 90 }, (_, i) => ({
      personId: `${prefix}-${(i * 7919) % 1000}`,
      district: DISTRICTS[i % 3]!,
    }));
    await env.DB.batch(
      players.map((p, i) =>
        env.DB.prepare('INSERT INTO people (id, phone, name, district) VALUES (?, ?, ?, ?)').bind(
          p.personId,
          `1${String(Math.random()).slice(2, 7)}${String(i).padStart(5, '0')}`,
          '选手',
          p.district,
        ),
      ),
    );

    for (const [d, date] of DAYS.entries()) {
      const base = Date.parse(`${date}T20:00:00+08:00`);
      const day = players.flatMap((player, i) => {
        // The first three play alike every day but one, when they take "marathon" times.
        const marathoner = i < 3;
        if ((i * 7 + d * 3) % 4 === 0 && !marathoner) return []; // some skip a day
        const late = (i + d) % 11 === 0 && !marathoner;
        const right = marathoner ? 3 : (i * 5 + d * 3) % 6;
        const durationMs = marathoner ? (d === 2 ? MARATHON[i]! : 20_000) : DURATIONS[(i * 13 + d) % DURATIONS.length]!;
        const submittedAt = base + ((i * 31) % 3) * 1000; // finishes tie too
        return [{ id: crypto.randomUUID(), player, late, right, durationMs, submittedAt }];
      });
      // The day's attempts in one batch; their submits one by one, as players send them.
      await env.DB.batch(
        day.map(({ id, player, durationMs, submittedAt }) =>
          env.DB.prepare(
            `INSERT INTO quiz_attempts (id, season_id, person_id, day, question_ids, started_at, deadline) VALUES (?, ?, ?, ?, '[]', ?, ?)`,
          ).bind(id, seasonId, player.personId, date, submittedAt - durationMs, submittedAt - durationMs + 60_000),
        ),
      );
      for (const { id, player, late, right, durationMs, submittedAt } of day) {
        const recorded = await recordSubmission(db, {
          attempt: { id, seasonId, personId: player.personId },
          submittedAt,
          answers: [],
          // Late with nothing saved: nothing right, the time limit counted.
          score: late ? 0 : right * 10,
          correct: late ? 0 : right,
          durationMs,
          late,
        });
        expect(recorded).toBeGreaterThan(0);
      }
    }

    const totals = (
      await env.DB.prepare(
        'SELECT person_id AS personId, district, score, time_ms AS timeMs, finished_at AS finishedAt FROM quiz_players WHERE season_id = ?',
      )
        .bind(seasonId)
        .all<Entry & { district: string }>()
    ).results;
    expect(totals).toHaveLength(players.length);
    const season = [...totals].sort(before);
    // The data is what it is meant to be: crowded totals, shared seconds and times, the trees' cap passed.
    const onTotal = new Map<number, number>();
    for (const t of totals) onTotal.set(t.score, (onTotal.get(t.score) ?? 0) + 1);
    expect(Math.max(...onTotal.values())).toBeGreaterThan(8);
    expect(new Set(totals.map((t) => `${t.score}/${Math.floor(t.timeMs / 1000)}`)).size).toBeLessThan(totals.length);
    expect(totals.filter((t) => t.timeMs > 2 ** 21 * 1000 && t.score === 180)).toHaveLength(3);

    for (const [index, entry] of season.entries()) {
      expect({ personId: entry.personId, ...(await seasonStanding(db, seasonId, entry.personId)) }).toEqual({
        personId: entry.personId,
        rank: index + 1,
        score: entry.score,
        timeMs: entry.timeMs,
      });
    }
    for (const district of DISTRICTS) {
      for (const [index, entry] of season.filter((t) => t.district === district).entries()) {
        expect(await districtStanding(db, seasonId, entry.personId, district)).toEqual({
          rank: index + 1,
          score: entry.score,
          timeMs: entry.timeMs,
        });
      }
    }
    for (const date of [DAYS[0]!, DAYS[2]!]) {
      const attempts = (
        await env.DB.prepare(
          'SELECT person_id AS personId, district, score, duration_ms AS timeMs, submitted_at AS finishedAt FROM quiz_attempts WHERE season_id = ? AND day = ?',
        )
          .bind(seasonId, date)
          .all<Entry & { district: string }>()
      ).results.sort(before);
      for (const [index, entry] of attempts.entries()) {
        expect(await dayStanding(db, { seasonId, personId: entry.personId, day: date })).toEqual({
          rank: index + 1,
          score: entry.score,
          timeMs: entry.timeMs,
        });
        const inDistrict = attempts.filter((a) => a.district === entry.district);
        expect(
          (await dayStanding(db, { seasonId, personId: entry.personId, day: date, district: entry.district }))?.rank,
        ).toBe(inDistrict.indexOf(entry) + 1);
      }
    }

    // The move rows the submits kept are the replay of the attempts (tree keys in any order).
    const rows = async (query: string) =>
      (await env.DB.prepare(query).bind(seasonId).all<Record<string, string | number>>()).results.map((row) => ({
        from: row.from_score,
        ...Object.fromEntries(
          ['jumps', 'arrivals', 'departures'].map((key) => [key, JSON.parse(row[key] as string) as unknown]),
        ),
      }));
    const kept = await rows(
      'SELECT from_score, jumps, arrivals, departures FROM quiz_moves WHERE season_id = ?1 ORDER BY from_score',
    );
    const replayed = await rows(`SELECT from_score, jumps, arrivals, departures FROM (${movesFromAttempts('?1')})`);
    expect(kept.length).toBeGreaterThan(10);
    expect(kept).toEqual(replayed);
  }, 120_000);
});
