// The daily "Health Expert" challenge as players see it: the season, today's attempt with its
// answers saved as they are chosen, the submit and the leaderboards. The right answers leave the
// Worker only once the attempt's China day is over (the review: routes/quiz-review.ts).
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { publicRead, type Database } from '../db/client.ts';
import {
  attemptQuestions,
  findDayAttempt,
  inOrder,
  ownAttempt,
  ownAttemptQuestions,
  insertAttempt,
  playedDays,
  questionsWithIds,
  readBank,
  recordSubmission,
  saveAnswer,
  submissionOf,
  type Attempt,
  type NewAttempt,
  type Question,
} from '../db/quiz-attempts.ts';
import { dayBoard, dayStanding, districtStanding, seasonBoard } from '../db/quiz-boards.ts';
import { seasonStanding } from '../db/quiz-ranks.ts';
import { getSeason } from '../db/quiz-seasons.ts';
import { addDays, chinaDay, toChinaIso } from '../domain/china-time.ts';
import { attemptOptionIds, newOptionKey, type OptionIds } from '../domain/quiz-option-ids.ts';
import { drawQuestions, maskName, streakOf } from '../domain/quiz.ts';
import type { AppEnv } from '../env.ts';
import { loadPerson, personLoginHash, requirePerson } from '../lib/auth.ts';
import { ApiError, notFound, type FieldIssue, type IneligibleReason } from '../lib/errors.ts';
import { enforceLimit, limitRefusals } from '../lib/rate-limit.ts';
import { runOne } from '../db/prepared.ts';
import { personEventCounter, personLimitPeek } from '../db/rate-limits.ts';
import { loginPersonId } from '../db/logins.ts';
import { json, param, query } from '../lib/validation.ts';
import { answersFrom, attemptView, seasonView } from './quiz-views.ts';
import { calendarDay, idParam, recordId } from './schemas.ts';

const seasonParam = v.object({ seasonId: recordId });
const optionIds = v.pipe(v.array(recordId), v.maxLength(10));

const submitBody = v.object({
  answers: v.pipe(v.array(v.object({ questionId: recordId, optionIds })), v.maxLength(50)),
});

const boardQuery = v.object({
  day: v.optional(calendarDay),
  district: v.optional(v.pipe(v.string(), v.maxLength(40, 'district_unknown'))),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(100)),
    '50',
  ),
});

// A player starts once a day and submits once; these leave room for reloads and flaky networks.
const startsPerPerson = (personId: string) => ({ key: `quiz-start:${personId}`, max: 20, windowSec: 600 });
// Only refused submits are counted: the one that scores happens once an attempt anyway, and
// counting it would add a rate-limit row to every submit's writes.
const refusedSubmitsPerPerson = { name: 'quiz-submit', max: 20, windowSec: 600 };

/** The season, unless its campaign is still a draft. */
export async function visibleSeason(db: Database, seasonId: string) {
  const found = await getSeason(db, seasonId);
  if (!found || found.campaign.status === 'draft') throw notFound();
  return found;
}

/** Play is open on the season's China days while its campaign is published. */
const isOpen = (found: NonNullable<Awaited<ReturnType<typeof getSeason>>>, day: string) =>
  found.campaign.status === 'published' && day >= found.season.startsOn && day <= found.season.endsOn;

/** The hash of the player's login, for routes that read it in their own batch; 401 without one. */
async function playerLoginHash<E extends AppEnv>(c: Context<E>) {
  const loginHash = await personLoginHash(c);
  if (!loginHash) throw new ApiError(401, 'unauthenticated');
  return loginHash;
}

/** Open: not submitted, and its deadline (server clock) not passed. */
const isOpenAttempt = (attempt: Attempt, now: number) => !attempt.submittedAt && now <= attempt.deadline.getTime();

async function openAttemptView(db: Database, attempt: NewAttempt) {
  const { questions, ids } = await attemptQuestions(db, attempt);
  return attemptView(attempt, questions, ids);
}

/** Today's attempt once more while it is open (200); after a submit or the deadline, 409. */
async function resume<E extends AppEnv>(c: Context<E>, db: Database, attempt: Attempt) {
  if (!isOpenAttempt(attempt, Date.now())) throw new ApiError(409, 'already_played');
  return c.json({ attempt: await openAttemptView(db, attempt) }, 200);
}

/** Option ids the player sent, as the options' own ids; an id of no option of the question is refused. */
function ownOptionIds(question: Question, sent: string[], ids: OptionIds, path: string): string[] {
  const issues: FieldIssue[] = [];
  const own = sent.flatMap((shownId, index) => {
    const ownId = ids.own(shownId);
    if (ownId === undefined || !question.options.some((option) => option.id === ownId)) {
      issues.push({ path: `${path}.${index}`, message: 'quiz_option_unknown' });
      return [];
    }
    return [ownId];
  });
  if (issues.length > 0) throw new ApiError(400, 'validation_failed', { issues });
  return own;
}

/** Answers must be to this attempt's questions, each once. */
function answerIssues(questionIds: string[], answers: { questionId: string }[]): FieldIssue[] {
  const asked = new Set(questionIds);
  const seen = new Set<string>();
  return answers.flatMap(({ questionId }, index): FieldIssue[] => {
    const path = `answers.${index}.questionId`;
    if (!asked.has(questionId)) return [{ path, message: 'quiz_question_unknown' }];
    if (seen.has(questionId)) return [{ path, message: 'quiz_question_repeated' }];
    seen.add(questionId);
    return [];
  });
}

export const quizRoutes = new Hono<AppEnv>()
  .get('/seasons/:seasonId', requirePerson, param(seasonParam), async (c) => {
    const db = c.var.db;
    const found = await visibleSeason(db, c.req.valid('param').seasonId);
    const day = chinaDay(Date.now());
    const personId = c.var.person.id;
    const [attempt, days] = await Promise.all([
      findDayAttempt(db, found.season.id, personId, day),
      playedDays(db, found.season.id, personId),
    ]);
    const submitted = attempt?.submittedAt != null;
    return c.json(
      {
        season: seasonView(found.season, found.campaign.title),
        today: {
          day,
          open: isOpen(found, day),
          played: submitted,
          streak: streakOf(days, day, (d) => addDays(d, -1)),
          ...(submitted && { score: attempt.score! }),
          ...(attempt && !submitted && { attempt: { id: attempt.id, deadline: toChinaIso(attempt.deadline) } }),
        },
      },
      200,
    );
  })
  .post('/seasons/:seasonId/attempts', requirePerson, param(seasonParam), async (c) => {
    const person = c.var.person;
    const db = c.var.db;
    await enforceLimit(c, startsPerPerson(person.id));
    const found = await visibleSeason(db, c.req.valid('param').seasonId);
    const { season } = found;
    const now = Date.now();
    const day = chinaDay(now);
    if (!isOpen(found, day)) throw new ApiError(409, 'season_closed');

    const existing = await findDayAttempt(db, season.id, person.id, day);
    if (existing) return resume(c, db, existing);

    // The boards show a name and a district, and the finalists are invited by name.
    const reasons: IneligibleReason[] = [];
    if (!person.name) reasons.push({ code: 'name', message: 'quiz_needs_name' });
    if (!person.district) reasons.push({ code: 'district', message: 'quiz_needs_district' });
    if (reasons.length > 0) throw new ApiError(422, 'ineligible', { reasons });

    const bank = await readBank(db, season.id);
    if (bank.length === 0) throw new ApiError(409, 'season_closed', { message: 'quiz_no_questions' });
    const attempt: NewAttempt = {
      id: crypto.randomUUID(),
      seasonId: season.id,
      personId: person.id,
      day,
      questionIds: drawQuestions(bank, season.questionsPerDay, { seasonId: season.id, day, personId: person.id }),
      startedAt: new Date(now),
      deadline: new Date(now + season.timeLimitSec * 1000),
      optionKey: newOptionKey(),
    };
    if (!(await insertAttempt(db, attempt))) {
      // The same player started in parallel (a double tap): both get the attempt that won.
      return resume(c, db, (await findDayAttempt(db, season.id, person.id, day))!);
    }
    return c.json({ attempt: await openAttemptView(db, attempt) }, 201);
  })
  .get('/seasons/:seasonId/attempts/today', requirePerson, param(seasonParam), async (c) => {
    const db = c.var.db;
    const { season } = await visibleSeason(db, c.req.valid('param').seasonId);
    const now = Date.now();
    const attempt = await findDayAttempt(db, season.id, c.var.person.id, chinaDay(now));
    if (!attempt) throw notFound();
    if (!isOpenAttempt(attempt, now)) throw new ApiError(409, 'attempt_closed');
    return c.json({ attempt: await openAttemptView(db, attempt) }, 200);
  })
  .put(
    '/attempts/:id/answers/:questionId',
    param(v.object({ id: recordId, questionId: recordId })),
    ...json(v.object({ optionIds })),
    async (c) => {
      // Read in one round trip (the attempt found by the player's login, a subquery), written in one more.
      const db = c.var.db;
      const { id: attemptId, questionId } = c.req.valid('param');
      const player = loginPersonId(db, await playerLoginHash(c));
      const [signedIn, owned, questions] = await db.batch([
        player,
        ownAttempt(db, attemptId, player),
        questionsWithIds(db, [questionId]),
      ]);
      if (!signedIn[0]) throw new ApiError(401, 'unauthenticated');
      const attempt = owned[0]?.attempt;
      if (!attempt?.questionIds.includes(questionId)) throw notFound();
      if (!isOpenAttempt(attempt, Date.now())) throw new ApiError(409, 'attempt_closed');
      const question = questions[0];
      if (!question) throw notFound();
      const ids = await attemptOptionIds(attempt.optionKey, [question]);
      const own = ownOptionIds(question, c.req.valid('json').optionIds, ids, 'optionIds');
      // The deadline is checked again in the write, by the clock of that moment.
      if (!(await saveAnswer(db, { attemptId, questionId, optionIds: own, now: Date.now() }))) {
        throw new ApiError(409, 'attempt_closed');
      }
      return c.body(null, 204);
    },
  )
  .post('/attempts/:id/submit', param(idParam), ...json(submitBody), async (c) => {
    // Everything the submit decides by is read in one round trip to D1 (the player's attempt and
    // its questions found by their session, a subquery), and the submit written in one more.
    const loginHash = await playerLoginHash(c);
    const db = c.var.db;
    const attemptId = c.req.valid('param').id;
    const player = loginPersonId(db, loginHash);
    const refusals = personLimitPeek(db, refusedSubmitsPerPerson, loginHash);
    const [signedIn, refused, owned, questionRows] = await db.batch([
      player,
      refusals.query,
      ownAttempt(db, attemptId, player),
      ownAttemptQuestions(db, attemptId, player),
    ]);
    if (!signedIn[0]) throw new ApiError(401, 'unauthenticated');
    const countRefusal = () => runOne(personEventCounter(db, refusedSubmitsPerPerson, loginHash).query);
    return limitRefusals(refusals.verdict(refused), countRefusal, async () => {
      const found = owned[0];
      if (!found) throw notFound(); // someone else's attempt does not exist for this player
      const { attempt, pointsPerCorrect } = found;
      if (attempt.submittedAt) throw new ApiError(409, 'already_submitted');
      const { answers } = c.req.valid('json');
      const issues = answerIssues(attempt.questionIds, answers);
      if (issues.length > 0) throw new ApiError(400, 'validation_failed', { issues });

      const questions = inOrder(attempt.questionIds, questionRows);
      const ids = await attemptOptionIds(attempt.optionKey, questions);
      // Ids of no option of the question just count as wrong, as an option not chosen would.
      const submitted = answers.map((answer) => ({
        questionId: answer.questionId,
        optionIds: answer.optionIds.map((shownId) => ids.own(shownId) ?? ''),
      }));
      const now = Date.now();
      const { submission, scored } = submissionOf(attempt, pointsPerCorrect, questions, submitted, now);
      const rank = await recordSubmission(db, submission);
      if (rank === undefined) throw new ApiError(409, 'already_submitted'); // a parallel submit counted first

      // The right answers wait for the end of the attempt's China day, so a second account cannot
      // hand them to a first one the same day (they come with the review: routes/quiz-review.ts).
      const reviewOpen = chinaDay(now) >= answersFrom(attempt.day);
      const explanations = new Map(questions.map((question) => [question.id, question.explanation]));
      return c.json(
        {
          score: scored.score,
          correct: scored.correct,
          total: scored.total,
          durationMs: submission.durationMs,
          late: submission.late,
          rank,
          answersFrom: answersFrom(attempt.day),
          results: scored.results.map((result) => ({
            questionId: result.questionId,
            correct: result.correct,
            ...(reviewOpen && {
              answerIds: result.answerIds.map((ownId) => ids.shown(ownId)),
              explanation: explanations.get(result.questionId) ?? '',
            }),
          })),
        },
        200,
      );
    });
  })
  // A player's own rank must include their submit of a moment ago (signed in, they read the
  // primary); anyone else may read a replica.
  .get('/seasons/:seasonId/leaderboard', loadPerson, publicRead, param(seasonParam), query(boardQuery), async (c) => {
    const db = c.var.db;
    const { seasonId } = c.req.valid('param');
    const { day, district, limit } = c.req.valid('query');
    if (district !== undefined && !c.env.DISTRICTS.includes(district)) {
      throw new ApiError(400, 'validation_failed', { issues: [{ path: 'district', message: 'district_unknown' }] });
    }
    const board = { seasonId, district, limit };
    const personId = c.var.person?.id;
    // One round trip: the board and the rank need only the season's id, so they run beside its check.
    const [, rows, me] = await Promise.all([
      visibleSeason(db, seasonId),
      day ? dayBoard(db, { ...board, day }) : seasonBoard(db, board),
      personId === undefined
        ? undefined
        : day
          ? dayStanding(db, { seasonId, personId, day, district })
          : district
            ? districtStanding(db, seasonId, personId, district)
            : seasonStanding(db, seasonId, personId),
    ]);
    return c.json(
      {
        items: rows.map((row, index) => ({
          rank: index + 1,
          name: maskName(row.name),
          district: row.district,
          score: row.score,
          timeMs: row.timeMs,
        })),
        ...(me && { me }),
      },
      200,
    );
  });
