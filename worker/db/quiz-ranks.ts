// A player's rank on the season board, read from a few rows whatever the rank.
//
// Every submit that changes a player's totals adds itself to one row of quiz_score_moves: the
// move from the old total to the new one (from -1 on a first submit), with two Fenwick trees by
// whole second of total time, of when the movers arrived (their new time) and of when they left
// (their old time). A day adds at most questionsPerDay × pointsPerCorrect points, so only moves
// that start that far below a total or less can reach or pass it. For a player on total s at
// time t, the players ahead are:
//   the moves that jumped over s (one per player now above s who never stopped on s)
//   + for the moves that landed on s: arrivals in seconds before t's, and for those that left s
//     (up, or on along the time axis of s by a day without points): the players, minus
//     departures in seconds before t's (each player now on s with an earlier second is counted
//     once: its arrivals and departures on s cancel but for the last)
//   + the players of s in t's own second ahead of it, counted by index.
// So `me` reads the season row, at most (questionsPerDay + 2)² move rows and the players of one
// second, at rank 10 as at rank 90,000; a submit writes one row.
import { sql } from 'drizzle-orm';
import { statement, type Database } from './client.ts';
import { countPaths, eventsBefore, secondOf } from './quiz-moves.ts';

export interface Standing {
  rank: number;
  score: number;
  timeMs: number;
}

/** The player's place on the whole season board. */
export async function seasonStanding(db: Database, seasonId: string, personId: string): Promise<Standing | undefined> {
  const second = secondOf(sql`time_ms`);
  const arrivedBefore = eventsBefore(sql`m.arrivals`, 'me', 'n');
  const departedBefore = eventsBefore(sql`m.departures`, 'me', 'n');
  // The farthest a move can start below a total: one day's points, or a first submit's from -1.
  const reach = sql`(SELECT questions_per_day * points_per_correct + 1 FROM quiz_seasons WHERE id = me.season_id)`;
  const standing = await statement(
    db,
    sql`SELECT me.score, me.time_ms AS timeMs, 1
        + coalesce((SELECT sum(CASE
              WHEN m.to_score < me.score THEN 0
              WHEN m.from_score < me.score AND m.to_score > me.score THEN m.moves
              WHEN m.from_score < me.score THEN ${arrivedBefore}
              WHEN m.to_score > me.score THEN m.moves - ${departedBefore}
              ELSE ${arrivedBefore} - ${departedBefore} END)
            FROM quiz_score_moves m
            WHERE m.season_id = me.season_id AND m.from_score BETWEEN me.score - ${reach} AND me.score), 0)
        + (SELECT count(*) FROM quiz_players p
            WHERE p.season_id = me.season_id AND p.score = me.score AND p.time_ms >= me.second * 1000
              AND (p.time_ms, p.finished_at, p.person_id) < (me.time_ms, me.finished_at, me.person_id)) AS rank
      FROM (SELECT season_id, person_id, score, time_ms, finished_at, ${second} AS second, ${countPaths('n', second)}
            FROM quiz_players WHERE season_id = ${seasonId} AND person_id = ${personId}) me`,
  ).first<Standing>();
  return standing ?? undefined;
}
