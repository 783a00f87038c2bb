// A player's rank on the season board without counting everyone ahead. Two count tables are
// kept in the submit's batch: players per season total, and players per (total, 10 seconds of
// time). A rank is then the players with a higher total, plus those with the same total in
// earlier 10-second steps, plus a count by index of only the player's own 10 seconds — or, low
// on the board, the season's player count minus the same three counted from the bottom.
import { sql, type SQL } from 'drizzle-orm';
import { statement, type Database } from './client.ts';

// A literal, not a bound parameter: D1 binds numbers as REAL, which would make `/` divide exactly.
const TIME_BUCKET_MS = sql.raw('10000');

export interface Standing {
  rank: number;
  score: number;
  timeMs: number;
}

/** Takes the player out of the count row of `before` and into that of `after`, when they differ. */
function moveBetween(table: string, columns: string[], before: SQL[], after: SQL[], where: { seasonId: string; open: SQL }) {
  const names = sql.raw(columns.join(', '));
  const changed = sql`(${before[0]} IS NULL OR (${sql.join(before, sql`, `)}) <> (${sql.join(after, sql`, `)}))`;
  const atBefore = sql.join(
    columns.map((column, i) => sql`${sql.raw(column)} = ${before[i]}`),
    sql` AND `,
  );
  return [
    sql`UPDATE ${sql.raw(table)} SET players = players - 1
        WHERE season_id = ${where.seasonId} AND ${atBefore} AND ${changed} AND ${where.open}`,
    sql`INSERT INTO ${sql.raw(table)} (season_id, ${names}, players)
        SELECT ${where.seasonId}, ${sql.join(after, sql`, `)}, 1 WHERE ${changed} AND ${where.open}
        ON CONFLICT (season_id, ${names}) DO UPDATE SET players = players + 1`,
  ];
}

/**
 * The statements of a submit that keep the counts right: they read the player's totals as they
 * are before the batch updates them, so they go first. At most four rows change.
 */
export function countMoves(p: { seasonId: string; personId: string; points: number; countedMs: number; open: SQL }): SQL[] {
  const current = (column: string) => sql`(SELECT ${sql.raw(column)} FROM quiz_players WHERE season_id = ${p.seasonId} AND person_id = ${p.personId})`;
  const score = current('score');
  const time = current('time_ms');
  const newScore = sql`(coalesce(${score}, 0) + ${p.points})`;
  const bucket = sql`(${time} / ${TIME_BUCKET_MS})`;
  const newBucket = sql`(CAST(coalesce(${time}, 0) + ${p.countedMs} AS INTEGER) / ${TIME_BUCKET_MS})`;
  return [
    ...moveBetween('quiz_score_counts', ['score'], [score], [newScore], p),
    ...moveBetween('quiz_time_counts', ['score', 'time_bucket'], [score, bucket], [newScore, newBucket], p),
  ];
}

/** Where a rank is counted from: `auto` picks the nearer end; the others are for tests. */
export type CountFrom = 'auto' | 'top' | 'bottom';

/**
 * The player's place on the whole season board, counted from whichever end is nearer: players
 * in the top half of the totals count those ahead of them, the others count those behind and
 * take them from the season's player count (kept by the first submits). Each way adds up count
 * rows of other totals, then the 10-second counts of the player's own total, then counts by index
 * only the players in the player's own 10 seconds; both give the same rank.
 */
export async function seasonStanding(db: Database, seasonId: string, personId: string, from: CountFrom = 'auto'): Promise<Standing | undefined> {
  const bucket = sql`me.time_ms / ${TIME_BUCKET_MS}`;
  const ahead = sql`1
        + coalesce((SELECT sum(players) FROM quiz_score_counts
            WHERE season_id = me.season_id AND score > me.score), 0)
        + coalesce((SELECT sum(players) FROM quiz_time_counts
            WHERE season_id = me.season_id AND score = me.score AND time_bucket < ${bucket}), 0)
        + (SELECT count(*) FROM quiz_players p
            WHERE p.season_id = me.season_id AND p.score = me.score AND p.time_ms >= ${bucket} * ${TIME_BUCKET_MS}
              AND (p.time_ms, p.finished_at, p.person_id) < (me.time_ms, me.finished_at, me.person_id))`;
  const behind = sql`(SELECT players FROM quiz_seasons WHERE id = me.season_id)
        - coalesce((SELECT sum(players) FROM quiz_score_counts
            WHERE season_id = me.season_id AND score < me.score), 0)
        - coalesce((SELECT sum(players) FROM quiz_time_counts
            WHERE season_id = me.season_id AND score = me.score AND time_bucket > ${bucket}), 0)
        - (SELECT count(*) FROM quiz_players p
            WHERE p.season_id = me.season_id AND p.score = me.score AND p.time_ms < (${bucket} + 1) * ${TIME_BUCKET_MS}
              AND (p.time_ms, p.finished_at, p.person_id) > (me.time_ms, me.finished_at, me.person_id))`;
  // The highest total is the first entry of the board index.
  const inTopHalf = sql`me.score * 2 >= (SELECT score FROM quiz_players WHERE season_id = me.season_id ORDER BY score DESC LIMIT 1)`;
  const rank = from === 'top' ? ahead : from === 'bottom' ? behind : sql`CASE WHEN ${inTopHalf} THEN ${ahead} ELSE ${behind} END`;
  const standing = await statement(
    db,
    sql`SELECT me.score, me.time_ms AS timeMs, ${rank} AS rank
      FROM quiz_players me WHERE me.season_id = ${seasonId} AND me.person_id = ${personId}`,
  ).first<Standing>();
  return standing ?? undefined;
}
