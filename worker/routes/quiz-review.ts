// What a player comes back for between days, all of it about their own attempts: the review of
// an attempt (its right answers and explanations once its China day is over), the 错题本 (wrong
// answers of days that are over), practice over the questions of those days (nothing is scored
// or written), and the season's statistics (streak, accuracy, rank after each day).
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Database } from '../db/client.ts';
import {
  attemptQuestions,
  getOwnAttempt,
  playerAttempts,
  questionsWithIds,
  type Attempt,
  type Question,
} from '../db/quiz-attempts.ts';
import { seasonStanding } from '../db/quiz-ranks.ts';
import { addDays, chinaDay, toChinaIso } from '../domain/china-time.ts';
import { attemptOptionIds, type OptionIds } from '../domain/quiz-option-ids.ts';
import { isExactlyRight, seededRandom, shuffled, streakOf } from '../domain/quiz.ts';
import type { AppEnv } from '../env.ts';
import { requirePerson } from '../lib/auth.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { param, query } from '../lib/validation.ts';
import { visibleSeason } from './quiz.ts';
import { answersFrom, answersView, questionView } from './quiz-views.ts';
import { idParam, recordId } from './schemas.ts';

const seasonParam = v.object({ seasonId: recordId });
const practiceQuery = v.object({
  count: v.optional(v.pipe(v.string(), v.regex(/^\d{1,2}$/), v.transform(Number), v.minValue(1), v.maxValue(50)), '10'),
});

/** A submitted attempt's day is over: its right answers and explanations may be shown. */
const reviewOpen = (attempt: Attempt, today: string) =>
  attempt.submittedAt !== null && answersFrom(attempt.day) <= today;

/** One question of a review: the player's view of it, the right options under the attempt's ids, why. */
const reviewedQuestion = (attempt: Attempt, question: Question, ids: OptionIds) => ({
  ...questionView(attempt, question, ids),
  answerIds: question.answerIds.map((ownId) => ids.shown(ownId)),
  explanation: question.explanation,
});

/** The player's submitted attempts of days that are over, each with its questions and option ids. */
async function pastAttempts(db: Database, seasonId: string, personId: string, today: string) {
  const attempts = (await playerAttempts(db, seasonId, personId)).filter((attempt) => reviewOpen(attempt, today));
  const questions = new Map(
    (await questionsWithIds(db, [...new Set(attempts.flatMap((a) => a.questionIds))])).map((q) => [q.id, q]),
  );
  return Promise.all(
    attempts.map(async (attempt) => {
      const asked = attempt.questionIds.flatMap((questionId) => questions.get(questionId) ?? []);
      return { attempt, questions: asked, ids: await attemptOptionIds(attempt.optionKey, asked) };
    }),
  );
}

export const quizReviewRoutes = new Hono<AppEnv>()
  .get('/attempts/:id', requirePerson, param(idParam), async (c) => {
    const db = c.var.db;
    const found = await getOwnAttempt(db, c.req.valid('param').id, c.var.person.id);
    if (!found) throw notFound();
    const { attempt } = found;
    if (attempt.submittedAt === null) throw new ApiError(409, 'attempt_open');
    const { questions, ids } = await attemptQuestions(db, attempt);
    const open = reviewOpen(attempt, chinaDay(Date.now()));
    const chosen = new Map((attempt.answers ?? []).map((answer) => [answer.questionId, answer.optionIds]));
    return c.json(
      {
        attempt: {
          id: attempt.id,
          day: attempt.day,
          startedAt: toChinaIso(attempt.startedAt),
          deadline: toChinaIso(attempt.deadline),
          questions: questions.map((question) => questionView(attempt, question, ids)),
        },
        answers: answersView(attempt.questionIds, attempt.answers ?? [], ids),
        score: attempt.score!,
        correct: attempt.correct!,
        total: questions.length,
        durationMs: attempt.durationMs!,
        late: attempt.late,
        rank: attempt.seasonRank,
        answersFrom: answersFrom(attempt.day),
        results: questions.map((question) => {
          return {
            questionId: question.id,
            correct: isExactlyRight(question.answerIds, chosen.get(question.id) ?? []),
            ...(open && {
              answerIds: question.answerIds.map((ownId) => ids.shown(ownId)),
              explanation: question.explanation,
            }),
          };
        }),
      },
      200,
    );
  })
  .get('/seasons/:seasonId/mistakes', requirePerson, param(seasonParam), async (c) => {
    const db = c.var.db;
    const { season } = await visibleSeason(db, c.req.valid('param').seasonId);
    const past = await pastAttempts(db, season.id, c.var.person.id, chinaDay(Date.now()));
    const items = past.flatMap(({ attempt, questions, ids }) => {
      const chosen = new Map((attempt.answers ?? []).map((answer) => [answer.questionId, answer.optionIds]));
      return questions.flatMap((question) => {
        const mine = chosen.get(question.id) ?? [];
        if (isExactlyRight(question.answerIds, mine)) return [];
        return [
          {
            attemptId: attempt.id,
            day: attempt.day,
            question: reviewedQuestion(attempt, question, ids),
            chosenIds: mine.map((ownId) => ids.shown(ownId)),
          },
        ];
      });
    });
    return c.json({ items }, 200);
  })
  .get('/seasons/:seasonId/practice', requirePerson, param(seasonParam), query(practiceQuery), async (c) => {
    // Only questions the player has met on days that are over, whose answers their reviews show
    // already: practice gives away nothing of today's, and scores and writes nothing.
    const db = c.var.db;
    const { season } = await visibleSeason(db, c.req.valid('param').seasonId);
    const personId = c.var.person.id;
    const past = await pastAttempts(db, season.id, personId, chinaDay(Date.now()));
    const seen = new Map(
      past.flatMap(({ attempt, questions, ids }) =>
        questions.map((question) => [question.id, reviewedQuestion(attempt, question, ids)] as const),
      ),
    );
    const random = seededRandom(`practice:${personId}:${Date.now()}`);
    return c.json({ questions: shuffled([...seen.values()], random).slice(0, c.req.valid('query').count) }, 200);
  })
  .get('/seasons/:seasonId/me', requirePerson, param(seasonParam), async (c) => {
    // The player's attempts (a row a day played) and their rank now: a few dozen rows at most.
    const db = c.var.db;
    const { season } = await visibleSeason(db, c.req.valid('param').seasonId);
    const personId = c.var.person.id;
    const [attempts, standing] = await Promise.all([
      playerAttempts(db, season.id, personId),
      seasonStanding(db, season.id, personId),
    ]);
    const scored = attempts.filter((attempt) => attempt.submittedAt !== null).reverse();
    const sum = (pick: (attempt: Attempt) => number) => scored.reduce((total, attempt) => total + pick(attempt), 0);
    return c.json(
      {
        streak: streakOf(
          attempts.map((attempt) => attempt.day),
          chinaDay(Date.now()),
          (day) => addDays(day, -1),
        ),
        daysPlayed: scored.length,
        questions: sum((attempt) => attempt.questionIds.length),
        correct: sum((attempt) => attempt.correct ?? 0),
        score: standing?.score ?? 0,
        rank: standing?.rank ?? null,
        days: scored.map((attempt) => ({
          day: attempt.day,
          score: attempt.score!,
          correct: attempt.correct!,
          total: attempt.questionIds.length,
          rank: attempt.seasonRank,
        })),
      },
      200,
    );
  });
