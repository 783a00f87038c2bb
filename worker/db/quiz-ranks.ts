// A player's rank on the season board without counting everyone ahead. Two count tables are
// kept in the submit's batch: players per season total, and players per (total, 100 seconds of
// time), each of those rows with a running count by second (`upto`: of its players, how many
// used at most 0, 1, … 99 seconds of its 100). A rank is then the players with a higher total,
// plus those with the same total in earlier 100-second rows, plus one entry of the player's own
// row's running count, plus a count by index of only the players in the player's own second —
// or, low on the board, the season's player count minus the same four counted from the bottom.
import { sql, type SQL } from 'drizzle-orm';
import { statement, type Database } from './client.ts';
import { SECONDS_PER_ROW } from './quiz-counts.ts';

// Literals, not bound parameters: D1 binds numbers as REAL, which would make `/` divide exactly.
const ROW_MS = sql.raw(String(SECONDS_PER_ROW * 1000));
const SECOND_MS = sql.raw('1000');
const NO_PLAYERS = sql.raw(`'[${Array(SECONDS_PER_ROW).fill(0).join(',')}]'`);

export interface Standing {
  rank: number;
  score: number;
  timeMs: number;
}

/** The count row of a time in milliseconds, and the second within that row. */
const rowOf = (timeMs: SQL) => sql`(${timeMs} / ${ROW_MS})`;
const secondOf = (timeMs: SQL) => sql`(${timeMs} / ${SECOND_MS} % ${sql.raw(String(SECONDS_PER_ROW))})`;

/** `upto` with one player more (+1) or fewer (-1) from `second` on. */
const shifted = (column: SQL, second: SQL, by: '+' | '-') =>
  sql`(SELECT json_group_array(value ${sql.raw(by)} (key >= ${second})) FROM json_each(${column}))`;

/**
 * The statements of a submit that keep the counts right: they read the player's totals as they
 * are before the batch updates them, so they go first. At most four rows change.
 */
export function countMoves(p: { seasonId: string; personId: string; points: number; countedMs: number; open: SQL }): SQL[] {
  const current = (column: string) => sql`(SELECT ${sql.raw(column)} FROM quiz_players WHERE season_id = ${p.seasonId} AND person_id = ${p.personId})`;
  const score = current('score');
  const time = current('time_ms');
  const newScore = sql`(coalesce(${score}, 0) + ${p.points})`;
  const newTime = sql`CAST(coalesce(${time}, 0) + ${p.countedMs} AS INTEGER)`;
  const scoreChanged = sql`(${score} IS NULL OR ${score} <> ${newScore})`;
  // The time counts change when the total or the whole second does.
  const timeChanged = sql`(${score} IS NULL OR (${score}, ${time} / ${SECOND_MS}) <> (${newScore}, ${newTime} / ${SECOND_MS}))`;
  return [
    sql`UPDATE quiz_score_counts SET players = players - 1
        WHERE season_id = ${p.seasonId} AND score = ${score} AND ${scoreChanged} AND ${p.open}`,
    sql`INSERT INTO quiz_score_counts (season_id, score, players)
        SELECT ${p.seasonId}, ${newScore}, 1 WHERE ${scoreChanged} AND ${p.open}
        ON CONFLICT (season_id, score) DO UPDATE SET players = players + 1`,
    sql`UPDATE quiz_time_counts SET players = players - 1, upto = ${shifted(sql`quiz_time_counts.upto`, secondOf(time), '-')}
        WHERE season_id = ${p.seasonId} AND score = ${score} AND time_bucket = ${rowOf(time)} AND ${timeChanged} AND ${p.open}`,
    sql`INSERT INTO quiz_time_counts (season_id, score, time_bucket, players, upto)
        SELECT ${p.seasonId}, ${newScore}, ${rowOf(newTime)}, 1, ${shifted(NO_PLAYERS, secondOf(newTime), '+')}
        WHERE ${timeChanged} AND ${p.open}
        ON CONFLICT (season_id, score, time_bucket) DO UPDATE SET
          players = players + 1, upto = ${shifted(sql`quiz_time_counts.upto`, secondOf(newTime), '+')}`,
  ];
}

/** Where a rank is counted from: `auto` picks the nearer end; the others are for tests. */
export type CountFrom = 'auto' | 'top' | 'bottom';

/**
 * The player's place on the whole season board, counted from whichever end is nearer: players
 * in the top half of the totals count those ahead of them, the others count those behind and
 * take them from the season's player count (kept by the first submits). Either way reads the
 * count rows of the other totals on that side, the 100-second rows of the player's own total on
 * that side, one entry of the player's own row, and by index the players in the same second.
 */
export async function seasonStanding(db: Database, seasonId: string, personId: string, from: CountFrom = 'auto'): Promise<Standing | undefined> {
  const row = rowOf(sql`me.time_ms`);
  const second = secondOf(sql`me.time_ms`);
  const secondStart = sql`(me.time_ms / ${SECOND_MS} * ${SECOND_MS})`;
  const ownRow = (value: SQL) =>
    sql`coalesce((SELECT ${value} FROM quiz_time_counts WHERE season_id = me.season_id AND score = me.score AND time_bucket = ${row}), 0)`;
  const ahead = sql`1
        + coalesce((SELECT sum(players) FROM quiz_score_counts
            WHERE season_id = me.season_id AND score > me.score), 0)
        + coalesce((SELECT sum(players) FROM quiz_time_counts
            WHERE season_id = me.season_id AND score = me.score AND time_bucket < ${row}), 0)
        + ${ownRow(sql`CASE WHEN ${second} = 0 THEN 0 ELSE json_extract(upto, '$[' || (${second} - 1) || ']') END`)}
        + (SELECT count(*) FROM quiz_players p
            WHERE p.season_id = me.season_id AND p.score = me.score AND p.time_ms >= ${secondStart}
              AND (p.time_ms, p.finished_at, p.person_id) < (me.time_ms, me.finished_at, me.person_id))`;
  const behind = sql`(SELECT players FROM quiz_seasons WHERE id = me.season_id)
        - coalesce((SELECT sum(players) FROM quiz_score_counts
            WHERE season_id = me.season_id AND score < me.score), 0)
        - coalesce((SELECT sum(players) FROM quiz_time_counts
            WHERE season_id = me.season_id AND score = me.score AND time_bucket > ${row}), 0)
        - ${ownRow(sql`players - json_extract(upto, '$[' || ${second} || ']')`)}
        - (SELECT count(*) FROM quiz_players p
            WHERE p.season_id = me.season_id AND p.score = me.score AND p.time_ms < ${secondStart} + ${SECOND_MS}
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
