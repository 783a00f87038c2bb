// Organizers run a season's live final: set it up with its questions for the top of the season
// board, give each finalist their personal link, drive it from the host screen, and end it, which
// writes the results and the certificates to D1.
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { byStaff } from '../../db/audit.ts';
import type { Database } from '../../db/client.ts';
import { finalists as seasonFinalists } from '../../db/quiz-boards.ts';
import {
  bankQuestions,
  createFinal,
  finalistsOf,
  finalOfSeason,
  getFinal,
  recordResults,
  type Final,
  type Finalist,
} from '../../db/quiz-finals.ts';
import { certificateCode, FINAL_SCORING } from '../../domain/quiz-final.ts';
import { readBank } from '../../db/quiz-attempts.ts';
import { drawQuestions } from '../../domain/quiz.ts';
import { checkQuestion, toBankQuestion } from '../../domain/quiz-import.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff, type StaffEnv } from '../../lib/auth.ts';
import { ApiError, notFound, type FieldIssue } from '../../lib/errors.ts';
import { canReach } from '../../lib/scope.ts';
import { randomToken } from '../../lib/tokens.ts';
import { json, param } from '../../lib/validation.ts';
import type { FinalQuestion } from '../../quiz-final/protocol.ts';
import { connectToFinal, finalGame } from '../../quiz-final/sockets.ts';
import { reachableSeason } from './quiz.ts';
import { idParam, recordId } from '../schemas.ts';

const MAX_FINAL_QUESTIONS = 50;
const whole = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

const newFinal = v.object({
  title: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(60))),
  /** Seconds each question stays open. */
  timeLimitSec: v.optional(whole(5, 120), 20),
  /** How many of the season board's top players are invited. */
  top: v.optional(whole(1, 50), 10),
  /** Questions drawn at random from the season's bank, categories in turn… */
  drawFromBank: v.optional(whole(0, MAX_FINAL_QUESTIONS), 0),
  /** …questions of the bank chosen by id, in the order asked… */
  questionIds: v.optional(v.pipe(v.array(recordId), v.maxLength(MAX_FINAL_QUESTIONS)), []),
  /** …then questions typed in, in the bank import's JSON form. */
  questions: v.optional(v.pipe(v.array(v.unknown()), v.maxLength(MAX_FINAL_QUESTIONS)), []),
});

const advanceBody = v.object({ action: v.picklist(['open', 'reveal', 'end']) });

/** A final's own option ids, so that nothing on a screen ties an option to the daily quiz's bank. */
function withFreshOptionIds(question: FinalQuestion): FinalQuestion {
  const fresh = new Map(question.options.map((option) => [option.id, randomToken(6)]));
  return {
    type: question.type,
    stem: question.stem,
    options: question.options.map((option) => ({ id: fresh.get(option.id)!, text: option.text })),
    answerIds: question.answerIds.map((id) => fresh.get(id)!),
    explanation: question.explanation,
  };
}

/** The final's questions: drawn from the bank, the bank's by id, then the typed ones; every bad one named. */
async function finalQuestions(db: Database, finalId: string, seasonId: string, input: v.InferOutput<typeof newFinal>) {
  const issues: FieldIssue[] = [];
  const chosen = new Set(input.questionIds);
  const drawn =
    input.drawFromBank === 0
      ? []
      : drawQuestions(
          (await readBank(db, seasonId)).filter((entry) => !chosen.has(entry.id)),
          input.drawFromBank,
          { seasonId, day: 'final', personId: finalId },
        );
  const ids = [...drawn, ...input.questionIds];
  const bank = new Map((await bankQuestions(db, seasonId, ids)).map((q) => [q.id, q]));
  input.questionIds.forEach((id, index) => {
    if (!bank.has(id)) issues.push({ path: `questionIds.${index}`, message: 'final_question_unknown' });
  });
  const typed = input.questions.map((row, index) => {
    const checked = checkQuestion(row);
    if ('problems' in checked) {
      const [problem] = checked.problems;
      issues.push({ path: `questions.${index}`, message: problem!.message, params: problem!.params });
      return undefined;
    }
    return toBankQuestion(checked.question, () => crypto.randomUUID());
  });
  const total = ids.length + input.questions.length;
  if (total === 0) issues.push({ path: 'questions', message: 'final_needs_questions' });
  if (total > MAX_FINAL_QUESTIONS) issues.push({ path: 'questions', message: 'final_too_many_questions' });
  if (issues.length) throw new ApiError(400, 'validation_failed', { issues });
  return [...ids.map((id) => bank.get(id)!), ...typed.map((question) => question!)].map(withFreshOptionIds);
}

/** How a final looks to its organizers: the finalists with their personal links, and results once ended. */
const finalView = (final: Final, finalists: Finalist[]) => ({
  id: final.id,
  seasonId: final.seasonId,
  title: final.title,
  questionCount: final.questionCount,
  timeLimitSec: final.timeLimitSec,
  scoring: FINAL_SCORING,
  endedAt: final.endedAt?.toISOString() ?? null,
  audiencePath: `/final/${final.id}`,
  finalists: finalists.map((finalist) => ({
    id: finalist.id,
    seed: finalist.seed,
    name: finalist.name,
    district: finalist.district,
    joinPath: `/final/play/${finalist.token}`,
    result:
      finalist.rank === null
        ? null
        : {
            rank: finalist.rank,
            points: finalist.points,
            prize: finalist.prize,
            certificateCode: finalist.certificateCode,
          },
  })),
});

/** The final, when the staff member's organization runs its season. */
async function reachableFinal<E extends StaffEnv>(c: Context<E>, db: Database, id: string) {
  const found = await getFinal(db, id);
  if (!found || !canReach(c.var.staff, found.organizationId)) throw notFound();
  return found;
}

export const adminQuizFinalRoutes = new Hono<AppEnv>()
  .post('/seasons/:id/finals', requireStaff('admin', 'organizer'), param(idParam), ...json(newFinal), async (c) => {
    const input = c.req.valid('json');
    const db = c.var.db;
    const { season, campaign } = await reachableSeason(c, db, c.req.valid('param').id);
    const id = crypto.randomUUID();
    const questions = await finalQuestions(db, id, season.id, input);
    const invited = await seasonFinalists(db, season.id, input.top);
    if (invited.length === 0) throw new ApiError(409, 'final_no_finalists');

    const final = {
      id,
      seasonId: season.id,
      title: input.title ?? `${campaign.title} · 决赛`,
      questionCount: questions.length,
      timeLimitSec: input.timeLimitSec,
    };
    const finalists = invited.map((player, index) => ({
      id: crypto.randomUUID(),
      personId: player.personId,
      seed: index + 1,
      name: player.name,
      district: player.district,
      token: randomToken(24),
    }));
    // The game first: should D1 refuse the final, the object is left unused and unreachable.
    await finalGame(c.env, final.id).setUp({
      title: final.title,
      timeLimitSec: final.timeLimitSec,
      questions,
      finalists: finalists.map(({ id, name, seed }) => ({ id, name, seed })),
    });
    const audit = byStaff(
      c.var.staff,
      campaign.organizationId,
      'quiz.final.create',
      { type: 'final', id: final.id },
      { seasonId: season.id, finalists: finalists.length, questions: questions.length },
    );
    if (!(await createFinal(db, final, finalists, audit))) throw new ApiError(409, 'final_exists');
    const stored = await reachableFinal(c, db, final.id);
    return c.json({ final: finalView(stored.final, await finalistsOf(db, final.id)) }, 201);
  })
  .get('/seasons/:id/final', requireStaff('admin', 'organizer'), param(idParam), async (c) => {
    const db = c.var.db;
    const { season } = await reachableSeason(c, db, c.req.valid('param').id);
    const final = await finalOfSeason(db, season.id);
    if (!final) throw notFound();
    return c.json({ final: finalView(final, await finalistsOf(db, final.id)) }, 200);
  })
  .get('/finals/:id', requireStaff('admin', 'organizer'), param(idParam), async (c) => {
    const db = c.var.db;
    const { final } = await reachableFinal(c, db, c.req.valid('param').id);
    return c.json({ final: finalView(final, await finalistsOf(db, final.id)) }, 200);
  })
  .post('/finals/:id/advance', requireStaff('admin', 'organizer'), param(idParam), ...json(advanceBody), async (c) => {
    const db = c.var.db;
    const { final, organizationId } = await reachableFinal(c, db, c.req.valid('param').id);
    const { action } = c.req.valid('json');
    const advanced = await finalGame(c.env, final.id).advance(action);
    if ('refused' in advanced)
      throw advanced.refused === 'final_wrong_phase' ? new ApiError(409, 'final_wrong_phase') : notFound();
    if (advanced.results) {
      const results = advanced.results.map((result) => ({ ...result, certificateCode: certificateCode() }));
      const audit = byStaff(c.var.staff, organizationId, 'quiz.final.end', { type: 'final', id: final.id });
      await recordResults(db, final.id, results, audit);
    }
    return c.json({ state: advanced.state }, 200);
  })
  .get('/finals/:id/host', requireStaff('admin', 'organizer'), param(idParam), async (c) => {
    const db = c.var.db;
    const { final } = await reachableFinal(c, db, c.req.valid('param').id);
    return connectToFinal(c, final.id, 'host');
  });
