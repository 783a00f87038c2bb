// Daily attempts: starting one (one a day, by a UNIQUE index), answers saved as they are chosen,
// and recording a submit together with the season totals and rank counts that the leaderboards
// read; attempts nobody submitted are recorded the same way once their deadline has passed.
import { and, asc, desc, eq, inArray, isNull, lt, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { attemptOptionIds } from '../domain/quiz-option-ids.ts';
import { countedAnswers, scoreAttempt, type BankEntry, type GivenAnswer } from '../domain/quiz.ts';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import { moveStatements } from './quiz-moves.ts';
import { seasonStandingQuery } from './quiz-ranks.ts';
import { quizAttempts, quizQuestions, quizSeasons } from './schema.ts';

export type Attempt = typeof quizAttempts.$inferSelect;
export type Question = typeof quizQuestions.$inferSelect;
/** What starting an attempt decides; the rest is filled in by the submit. */
export type NewAttempt = Pick<
  Attempt,
  'id' | 'seasonId' | 'personId' | 'day' | 'questionIds' | 'startedAt' | 'deadline' | 'optionKey'
> &
  Partial<Pick<Attempt, 'savedAnswers'>>;

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

/** The rows of these questions in the order of `ids`. */
export function inOrder(ids: string[], rows: Question[]): Question[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The questions with these ids, in no order, as a query that can join a D1 batch (one bound value however many). */
export const questionsWithIds = (db: Database, ids: string[]) =>
  db
    .select()
    .from(quizQuestions)
    .where(inArray(quizQuestions.id, sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`));

/** The questions with these ids, in the order given. */
export async function questionsInOrder(db: Database, ids: string[]): Promise<Question[]> {
  return ids.length === 0 ? [] : inOrder(ids, await questionsWithIds(db, ids));
}

/** The attempt's questions in its order, and its option ids both ways. */
export async function attemptQuestions(db: Database, attempt: Pick<Attempt, 'questionIds' | 'optionKey'>) {
  const questions = await questionsInOrder(db, attempt.questionIds);
  return { questions, ids: await attemptOptionIds(attempt.optionKey, questions) };
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

/**
 * The player's own attempt with its season's points per right answer, as a query that can join a
 * D1 batch (the player may be a subquery of their login); someone else's is not found. (Only
 * columns of distinct names: a batch reads its rows by column name, so two `id`s would collide.)
 */
export const ownAttempt = (db: Database, id: string, personId: string | SQLWrapper) =>
  db
    .select({ attempt: quizAttempts, pointsPerCorrect: quizSeasons.pointsPerCorrect })
    .from(quizAttempts)
    .innerJoin(quizSeasons, eq(quizSeasons.id, quizAttempts.seasonId))
    .where(and(eq(quizAttempts.id, id), eq(quizAttempts.personId, personId)));

export const getOwnAttempt = (db: Database, id: string, personId: string) => ownAttempt(db, id, personId).get();

/** The questions of the player's own attempt, in no order (`inOrder` puts them in the attempt's), for a D1 batch. */
export const ownAttemptQuestions = (db: Database, id: string, personId: string | SQLWrapper) =>
  db
    .select()
    .from(quizQuestions)
    .where(
      inArray(
        quizQuestions.id,
        sql`(SELECT value FROM json_each((${db
          .select({ questionIds: quizAttempts.questionIds })
          .from(quizAttempts)
          .where(and(eq(quizAttempts.id, id), eq(quizAttempts.personId, personId)))})))`,
      ),
    );

/**
 * Keeps one answer of an open attempt (the options' own ids); false when the attempt is
 * submitted or past its deadline (`now`, the server's clock), so nothing saved later counts.
 */
export async function saveAnswer(
  db: Database,
  a: { attemptId: string; questionId: string; optionIds: string[]; now: number },
): Promise<boolean> {
  const saved = await db
    .update(quizAttempts)
    .set({
      savedAnswers: sql`json_set(coalesce(${quizAttempts.savedAnswers}, '{}'),
        ${`$."${a.questionId}"`}, json(${JSON.stringify(a.optionIds)}))`,
    })
    .where(
      and(
        eq(quizAttempts.id, a.attemptId),
        isNull(quizAttempts.submittedAt),
        sql`${quizAttempts.deadline} >= ${a.now}`,
      ),
    )
    .returning({ id: quizAttempts.id });
  return saved.length === 1;
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
 * What a submit at `now` records, and the results to tell: the answers that count (saved ones,
 * and the submit's own when on time, in the options' own ids) scored, and the time used up to
 * the deadline at most. The route's submit and the housekeeping's (no answers of its own) alike.
 */
export function submissionOf(
  attempt: Attempt,
  pointsPerCorrect: number,
  questions: Question[],
  submitted: GivenAnswer[],
  now: number,
) {
  const late = now > attempt.deadline.getTime();
  const answers = countedAnswers(attempt.savedAnswers, submitted, late);
  const scored = scoreAttempt(questions, answers, pointsPerCorrect);
  const submission: Submission = {
    attempt,
    submittedAt: now,
    answers,
    score: scored.score,
    correct: scored.correct,
    durationMs: Math.min(now, attempt.deadline.getTime()) - attempt.startedAt.getTime(),
    late,
  };
  return { submission, scored };
}

/**
 * The statements of a submit, for one batch: the move of the player's totals (db/quiz-moves.ts),
 * the totals, and the attempt itself last, with the season rank it leaves the player at. Every
 * statement holds only while the attempt is still open, so of two parallel submits exactly one
 * counts. Three rows change: the attempt, the totals and the quiz_moves row of the total left.
 * The last statement returns the attempt's id and rank when it counted.
 */
function submissionStatements(s: Submission): SQL[] {
  const { id, seasonId, personId } = s.attempt;
  const open = sql`EXISTS (SELECT 1 FROM quiz_attempts WHERE id = ${id} AND submitted_at IS NULL)`;
  return [
    ...moveStatements({ seasonId, personId, points: s.score, steps: s.correct, countedMs: s.durationMs, open }),
    sql`INSERT INTO quiz_players (season_id, person_id, name, district, score, time_ms, days_played, finished_at)
        SELECT ${seasonId}, id, coalesce(name, ''), coalesce(district, ''),
          ${s.score}, ${s.durationMs}, 1, ${s.submittedAt}
        FROM people WHERE id = ${personId} AND ${open}
        ON CONFLICT (season_id, person_id) DO UPDATE SET
          score = score + excluded.score,
          time_ms = time_ms + excluded.time_ms,
          days_played = days_played + 1,
          finished_at = excluded.finished_at`,
    sql`UPDATE quiz_attempts SET
          submitted_at = ${s.submittedAt}, answers = ${JSON.stringify(s.answers)}, score = ${s.score},
          correct = ${s.correct}, duration_ms = ${s.durationMs}, late = ${s.late ? 1 : 0},
          district = (SELECT district FROM quiz_players WHERE season_id = ${seasonId} AND person_id = ${personId}),
          season_rank = (SELECT rank FROM (${seasonStandingQuery(seasonId, personId)}))
        WHERE id = ${id} AND submitted_at IS NULL
        RETURNING id, season_rank AS seasonRank`,
  ];
}

const STATEMENTS_PER_SUBMISSION = 4;

/**
 * Records a submit in one batch; the player's season rank after it, or undefined when the attempt
 * was submitted already.
 */
export async function recordSubmission(db: Database, s: Submission): Promise<number | undefined> {
  const results = await batch<{ seasonRank: number }[][]>(db, submissionStatements(s));
  return results.at(-1)![0]?.seasonRank;
}

/** Attempts scored per D1 batch (4 statements each) and per run, well inside D1's limits. */
const OVERDUE_PER_BATCH = 25;
const OVERDUE_PER_RUN = 1000;

/**
 * Scores the attempts nobody submitted by their deadline (before `now`), with the answers saved
 * by then, exactly as a late submit would: the boards then hold the day's points even when the
 * player never came back. Oldest deadline first; returns how many were scored.
 */
export async function scoreOverdueAttempts(db: Database, now: number): Promise<number> {
  let scored = 0;
  for (let done = 0; done < OVERDUE_PER_RUN; done += OVERDUE_PER_BATCH) {
    const due = await db
      .select({ attempt: quizAttempts, pointsPerCorrect: quizSeasons.pointsPerCorrect })
      .from(quizAttempts)
      .innerJoin(quizSeasons, eq(quizSeasons.id, quizAttempts.seasonId))
      // The open-attempts index: its own condition (a literal, for the planner to match), then its deadline.
      .where(
        and(
          isNull(quizAttempts.submittedAt),
          sql`${quizAttempts.optionKey} <> ''`,
          lt(quizAttempts.deadline, new Date(now)),
        ),
      )
      .orderBy(asc(quizAttempts.deadline))
      .limit(OVERDUE_PER_BATCH)
      .all();
    if (due.length === 0) break;
    const questions = new Map(
      (
        await questionsWithIds(
          db,
          due.flatMap(({ attempt }) => attempt.questionIds),
        )
      ).map((q) => [q.id, q]),
    );
    const statements = due.flatMap(({ attempt, pointsPerCorrect }) => {
      const asked = attempt.questionIds.flatMap((id) => questions.get(id) ?? []);
      return submissionStatements(submissionOf(attempt, pointsPerCorrect, asked, [], now).submission);
    });
    const results = await batch<unknown[][]>(db, statements);
    scored += results.filter((rows, i) => i % STATEMENTS_PER_SUBMISSION === 3 && rows.length === 1).length;
    if (due.length < OVERDUE_PER_BATCH) break;
  }
  return scored;
}

/** The player's attempts of a season, newest day first: streak, statistics, mistakes and practice read them. */
export async function playerAttempts(db: Database, seasonId: string, personId: string) {
  return db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.seasonId, seasonId), eq(quizAttempts.personId, personId)))
    .orderBy(desc(quizAttempts.day))
    .all();
}

/** The days the player has an attempt in the season, from the one-a-day index alone: what the streak needs. */
export async function playedDays(db: Database, seasonId: string, personId: string): Promise<string[]> {
  const rows = await db
    .select({ day: quizAttempts.day })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.seasonId, seasonId), eq(quizAttempts.personId, personId)))
    .all();
  return rows.map((row) => row.day);
}
