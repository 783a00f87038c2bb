// The leaderboards, a player's rank on a district or day board, and the finalists. Season boards
// read only the totals table through its board indexes; day boards read that day's attempts by
// index. (The rank on the whole season board is db/quiz-ranks.ts.)
// Order everywhere: score descending, then time ascending, then the earlier finish.
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { statement, type Database } from './client.ts';
import type { Standing } from './quiz-ranks.ts';
import { people, quizAttempts, quizPlayers } from './schema.ts';

export interface BoardQuery {
  seasonId: string;
  district?: string;
  limit: number;
}

export async function seasonBoard(db: Database, q: BoardQuery) {
  return db
    .select({
      name: quizPlayers.name,
      district: quizPlayers.district,
      score: quizPlayers.score,
      timeMs: quizPlayers.timeMs,
    })
    .from(quizPlayers)
    .where(
      and(
        eq(quizPlayers.seasonId, q.seasonId),
        q.district === undefined ? undefined : eq(quizPlayers.district, q.district),
      ),
    )
    .orderBy(desc(quizPlayers.score), asc(quizPlayers.timeMs), asc(quizPlayers.finishedAt), asc(quizPlayers.personId))
    .limit(q.limit)
    .all();
}

export async function dayBoard(db: Database, q: BoardQuery & { day: string }) {
  return db
    .select({
      name: quizPlayers.name,
      district: quizPlayers.district,
      score: sql<number>`${quizAttempts.score}`,
      timeMs: sql<number>`${quizAttempts.durationMs}`,
    })
    .from(quizAttempts)
    .innerJoin(
      quizPlayers,
      and(eq(quizPlayers.seasonId, quizAttempts.seasonId), eq(quizPlayers.personId, quizAttempts.personId)),
    )
    .where(
      and(
        eq(quizAttempts.seasonId, q.seasonId),
        eq(quizAttempts.day, q.day),
        isNotNull(quizAttempts.submittedAt),
        q.district === undefined ? undefined : eq(quizAttempts.district, q.district),
      ),
    )
    .orderBy(
      desc(quizAttempts.score),
      asc(quizAttempts.durationMs),
      asc(quizAttempts.submittedAt),
      asc(quizAttempts.personId),
    )
    .limit(q.limit)
    .all();
}

/** A player's place on a district's season board: counted by index within the district. */
export async function districtStanding(
  db: Database,
  seasonId: string,
  personId: string,
  district: string,
): Promise<Standing | undefined> {
  return (
    (await statement(
      db,
      sql`SELECT me.score, me.time_ms AS timeMs, 1
          + (SELECT count(*) FROM quiz_players p
              WHERE p.season_id = me.season_id AND p.district = me.district AND p.score > me.score)
          + (SELECT count(*) FROM quiz_players p
              WHERE p.season_id = me.season_id AND p.district = me.district AND p.score = me.score
                AND (p.time_ms, p.finished_at, p.person_id) < (me.time_ms, me.finished_at, me.person_id)) AS rank
        FROM quiz_players me
        WHERE me.season_id = ${seasonId} AND me.person_id = ${personId} AND me.district = ${district}`,
    ).first<Standing>()) ?? undefined
  );
}

/** A player's place among the attempts of one day (of one district): counted by index within that day. */
export async function dayStanding(
  db: Database,
  q: { seasonId: string; personId: string; day: string; district?: string },
): Promise<Standing | undefined> {
  const sameBoard = q.district === undefined ? sql`` : sql`AND a.district = me.district`;
  return (
    (await statement(
      db,
      sql`SELECT me.score, me.duration_ms AS timeMs, 1
          + (SELECT count(*) FROM quiz_attempts a
              WHERE a.season_id = me.season_id AND a.day = me.day ${sameBoard} AND a.submitted_at IS NOT NULL
                AND a.score > me.score)
          + (SELECT count(*) FROM quiz_attempts a
              WHERE a.season_id = me.season_id AND a.day = me.day ${sameBoard} AND a.submitted_at IS NOT NULL
                AND a.score = me.score
                AND (a.duration_ms, a.submitted_at, a.person_id)
                  < (me.duration_ms, me.submitted_at, me.person_id)) AS rank
        FROM quiz_attempts me
        WHERE me.season_id = ${q.seasonId} AND me.person_id = ${q.personId} AND me.day = ${q.day}
          AND me.submitted_at IS NOT NULL
          ${q.district === undefined ? sql`` : sql`AND me.district = ${q.district}`}`,
    ).first<Standing>()) ?? undefined
  );
}

/** The top of the season board with what organizers need to invite them: full name and phone. */
export async function finalists(db: Database, seasonId: string, top: number) {
  return db
    .select({
      personId: quizPlayers.personId,
      name: quizPlayers.name,
      phone: people.phone,
      district: quizPlayers.district,
      score: quizPlayers.score,
      timeMs: quizPlayers.timeMs,
      daysPlayed: quizPlayers.daysPlayed,
    })
    .from(quizPlayers)
    .innerJoin(people, eq(people.id, quizPlayers.personId))
    .where(eq(quizPlayers.seasonId, seasonId))
    .orderBy(desc(quizPlayers.score), asc(quizPlayers.timeMs), asc(quizPlayers.finishedAt), asc(quizPlayers.personId))
    .limit(top)
    .all();
}

/**
 * True while the person is on the board of a season that has not ended: name and district are
 * fixed then. Read season by season (there are a few), each by the totals' primary key.
 */
export async function playsInRunningSeason(db: Database, personId: string, today: string) {
  const row = await statement(
    db,
    sql`SELECT 1 AS plays
        FROM quiz_seasons s CROSS JOIN quiz_players p ON p.season_id = s.id AND p.person_id = ${personId}
        WHERE s.ends_on >= ${today} LIMIT 1`,
  ).first();
  return row !== null;
}
