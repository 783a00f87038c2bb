// A player's rank on the season board, read from a few rows whatever the rank.
//
// Every submit that changes a player's totals adds its move to the quiz_moves row of the total
// it leaves (-1 on a first submit): how far it jumped, and Fenwick trees by whole second of total
// time of when movers arrived at each total (their new time) and left this one (their old time).
// No day gains more than questionsPerDay × pointsPerCorrect, so only the rows of totals that far
// below a total or less hold moves that reach or pass it. For a player on total s at time t, the
// players ahead are:
//   the moves from those rows that jumped past s (one per player now above s: a player's moves
//     never overlap, so exactly one of them passes s)
//   + the arrivals at s in seconds before t's − the departures from s in seconds before t's (for
//     a player now on s the two cancel but for the last arrival; for one who left s, entirely)
//   + the players of s in t's own second ahead of it, counted by index.
// So `me` reads the season, its own totals, at most questionsPerDay + 2 rows of quiz_moves and
// the players of one second, at rank 10 as at rank 90,000.
import { sql, type SQL } from 'drizzle-orm';
import { statement, type Database } from './client.ts';
import { countPaths, eventsBefore, path, secondOf } from './quiz-moves.ts';

export interface Standing {
  rank: number;
  score: number;
  timeMs: number;
}

/** The player's place on the whole season board. */
export async function seasonStanding(db: Database, seasonId: string, personId: string): Promise<Standing | undefined> {
  return (await statement(db, seasonStandingQuery(seasonId, personId)).first<Standing>()) ?? undefined;
}

/** The query of seasonStanding, also read inside a submit's batch to keep the rank of each day. */
export function seasonStandingQuery(seasonId: SQL | string, personId: SQL | string): SQL {
  const second = secondOf(sql`p.time_ms`);
  // The jump a move from m.from_score needs to pass me.score, in steps of pointsPerCorrect (first submits jump from 0).
  const pastMe = path(sql`(me.score - max(m.from_score, 0)) / me.points + 1`);
  return sql`SELECT me.score, me.time_ms AS timeMs, 1
        + coalesce((SELECT sum(coalesce(m.jumps ->> ${pastMe}, 0) + ${eventsBefore(sql`m.arrivals`, 'me', 'a')}
              - CASE WHEN m.from_score = me.score THEN ${eventsBefore(sql`m.departures`, 'me', 'd')} ELSE 0 END)
            FROM quiz_moves m
            WHERE m.season_id = me.season_id AND m.from_score BETWEEN me.score - me.reach AND me.score), 0)
        + (SELECT count(*) FROM quiz_players p
            WHERE p.season_id = me.season_id AND p.score = me.score AND p.time_ms >= me.second * 1000
              AND (p.time_ms, p.finished_at, p.person_id) < (me.time_ms, me.finished_at, me.person_id)) AS rank
      FROM (SELECT p.season_id, p.person_id, p.score, p.time_ms, p.finished_at, ${second} AS second,
              s.points_per_correct AS points, s.questions_per_day * s.points_per_correct + 1 AS reach,
              ${countPaths('a', [sql`p.score`], second)}, ${countPaths('d', [], second)}
            FROM quiz_players p JOIN quiz_seasons s ON s.id = p.season_id
            WHERE p.season_id = ${seasonId} AND p.person_id = ${personId}) me`;
}
