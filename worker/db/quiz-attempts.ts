// Daily attempts: starting one (one a day, by a UNIQUE index) and recording a submit together
// with the season totals and rank counts that the leaderboards read.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { BankEntry, GivenAnswer } from '../domain/quiz.ts';
import { batch, type Database } from './client.ts';
import { moveStatements } from './quiz-moves.ts';
import { quizAttempts, quizQuestions, quizSeasons } from './schema.ts';

export type Attempt = typeof quizAttempts.$inferSelect;
export type Question = typeof quizQuestions.$inferSelect;
/** What starting an attempt decides; the rest is filled in by the submit. */
export type NewAttempt = Pick<
  Attempt,
  'id' | 'seasonId' | 'personId' | 'day' | 'questionIds' | 'startedAt' | 'deadline'
>;

export async function findDayAttempt(db: Database, seasonId: string, personId: string, day: string) {
  return db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.seasonId, seasonId), eq(quizAttempts.personId, personId), eq(quizAttempts.day, day)))
    .get();
}

/** Ids and categories of the whole bank: what the draw needs, read from a covering index. */
export async function readBank(db: Database, seasonId: string): Promise<BankEntry[]> {
  return db
    .select({ id: quizQuestions.id, category: quizQuestions.category })
    .from(quizQuestions)
    .where(eq(quizQuestions.seasonId, seasonId))
    .all();
}

/** The questions with these ids, in the order given. */
export async function questionsInOrder(db: Database, ids: string[]): Promise<Question[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(quizQuestions).where(inArray(quizQuestions.id, ids)).all();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Starts an attempt; false when the player already has one for that day (a parallel start). */
export async function insertAttempt(db: Database, attempt: NewAttempt) {
  const inserted = await db
    .insert(quizAttempts)
    .values(attempt)
    .onConflictDoNothing({ target: [quizAttempts.seasonId, quizAttempts.personId, quizAttempts.day] })
    .returning({ id: quizAttempts.id });
  return inserted.length === 1;
}

/** The player's own attempt with its season's rules; someone else's is not found. */
export async function getOwnAttempt(db: Database, id: string, personId: string) {
  return db
    .select({ attempt: quizAttempts, season: quizSeasons })
    .from(quizAttempts)
    .innerJoin(quizSeasons, eq(quizSeasons.id, quizAttempts.seasonId))
    .where(and(eq(quizAttempts.id, id), eq(quizAttempts.personId, personId)))
    .get();
}

export interface Submission {
  attempt: { id: string; seasonId: string; personId: string };
  submittedAt: number;
  answers: GivenAnswer[];
  score: number;
  correct: number;
  durationMs: number;
  late: boolean;
}

/**
 * Records a submit in one batch: the move of the player's totals (db/quiz-moves.ts), the totals,
 * and the attempt itself last. Every statement holds only while the attempt is still open, so of
 * two parallel submits exactly one counts. Three rows change: the attempt, the totals and the
 * quiz_moves row of the total left. Returns false when the attempt was submitted already.
 */
export async function recordSubmission(db: Database, s: Submission): Promise<boolean> {
  const { id, seasonId, personId } = s.attempt;
  const open = sql`EXISTS (SELECT 1 FROM quiz_attempts WHERE id = ${id} AND submitted_at IS NULL)`;
  // A late attempt scores nothing and its time does not count: the total, and when it was reached, stay.
  const countedMs = s.late ? 0 : s.durationMs;
  const results = await batch<unknown[][]>(db, [
    ...moveStatements({ seasonId, personId, points: s.score, steps: s.late ? 0 : s.correct, countedMs, open }),
    sql`INSERT INTO quiz_players (season_id, person_id, name, district, score, time_ms, days_played, finished_at)
        SELECT ${seasonId}, id, coalesce(name, ''), coalesce(district, ''), ${s.score}, ${countedMs}, 1, ${s.submittedAt}
        FROM people WHERE id = ${personId} AND ${open}
        ON CONFLICT (season_id, person_id) DO UPDATE SET
          score = score + excluded.score,
          time_ms = time_ms + excluded.time_ms,
          days_played = days_played + 1,
          finished_at = ${s.late ? sql`finished_at` : sql`excluded.finished_at`}`,
    sql`UPDATE quiz_attempts SET
          submitted_at = ${s.submittedAt}, answers = ${JSON.stringify(s.answers)}, score = ${s.score},
          correct = ${s.correct}, duration_ms = ${s.durationMs}, late = ${s.late ? 1 : 0},
          district = (SELECT district FROM quiz_players WHERE season_id = ${seasonId} AND person_id = ${personId})
        WHERE id = ${id} AND submitted_at IS NULL
        RETURNING id`,
  ]);
  return results.at(-1)!.length === 1;
}
