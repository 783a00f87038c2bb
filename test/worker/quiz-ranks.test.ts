// The season rank counted from either end of the board: both ways, and the nearer-end choice,
// against a brute-force rank over a few hundred players with many ties (same total, same
// second, same time, same finish), including players exactly at the switching point.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../worker/db/client.ts';
import { timeCountRows } from '../../worker/db/quiz-counts.ts';
import { seasonStanding } from '../../worker/db/quiz-ranks.ts';
import { setUpSeason } from './quiz-fixtures.ts';

interface Row {
  personId: string;
  score: number;
  timeMs: number;
  finishedAt: number;
}

/** The contract order: score desc, time asc, earlier finish, then person id. */
const before = (a: Row, b: Row) =>
  a.score !== b.score ? b.score - a.score : a.timeMs !== b.timeMs ? a.timeMs - b.timeMs : a.finishedAt !== b.finishedAt ? a.finishedAt - b.finishedAt : a.personId < b.personId ? -1 : 1;

describe('the season rank from either end', () => {
  it('gives the brute-force rank both ways for every player', async () => {
    const { seasonId } = await setUpSeason();
    const prefix = crypto.randomUUID().slice(0, 8);
    // Totals 0–100 (the switching point is 50), times on and around the boundaries of seconds
    // and of 100-second count rows.
    const times = [999, 1_000, 1_000, 1_001, 1_500, 99_999, 100_000, 100_000, 100_001, 150_000, 199_000, 199_999, 250_000];
    const rows: Row[] = Array.from({ length: 360 }, (_, i) => ({
      personId: `${prefix}-${(i * 7919) % 1000}`, // not in the order inserted
      score: i === 0 ? 100 : [40, 50, 50, 60, 0, 10, 90, 50, 40, 100][i % 10]!,
      timeMs: times[(i * 13) % times.length]!,
      finishedAt: 1_780_000_000_000 + ((i * 31) % 3) * 1000,
    }));
    const statements = rows.flatMap((row) => [
      env.DB.prepare('INSERT INTO people (id, phone, name, district) VALUES (?, ?, ?, ?)').bind(row.personId, `1${String(Math.random()).slice(2, 12)}`, '选手', '冠县'),
      env.DB.prepare(
        `INSERT INTO quiz_players (season_id, person_id, name, district, score, time_ms, days_played, finished_at)
         VALUES (?, ?, '选手', '冠县', ?, ?, 1, ?)`,
      ).bind(seasonId, row.personId, row.score, row.timeMs, row.finishedAt),
    ]);
    await env.DB.batch([
      ...statements,
      // The count rows and the player count, as the submits would have left them.
      env.DB.prepare('INSERT INTO quiz_score_counts (season_id, score, players) SELECT season_id, score, count(*) FROM quiz_players WHERE season_id = ?1 GROUP BY 2').bind(seasonId),
      env.DB.prepare(`INSERT INTO quiz_time_counts (season_id, score, time_bucket, players, upto) ${timeCountRows('?1')}`).bind(seasonId),
      env.DB.prepare('UPDATE quiz_seasons SET players = (SELECT count(*) FROM quiz_players WHERE season_id = ?1) WHERE id = ?1').bind(seasonId),
    ]);

    const sorted = [...rows].sort(before);
    // Many ties all the way down to the person id.
    expect(new Set(rows.map((row) => `${row.score}/${row.timeMs}/${row.finishedAt}`)).size).toBeLessThan(rows.length / 3);
    expect(rows.filter((row) => row.score === 50).length).toBeGreaterThan(50);
    const db = database(env.DB);
    for (const [index, row] of sorted.entries()) {
      const expected = { rank: index + 1, score: row.score, timeMs: row.timeMs };
      expect({ personId: row.personId, ...(await seasonStanding(db, seasonId, row.personId, 'top')) }).toEqual({ personId: row.personId, ...expected });
      expect({ personId: row.personId, ...(await seasonStanding(db, seasonId, row.personId, 'bottom')) }).toEqual({ personId: row.personId, ...expected });
      expect(await seasonStanding(db, seasonId, row.personId)).toEqual(expected);
    }
  });
});
