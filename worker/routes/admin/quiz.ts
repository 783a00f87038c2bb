// Organizers run quiz seasons: set one up, import its question bank, and list the finalists.
// Another organization's season or campaign answers 404, as if it did not exist.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import { byStaff, recordAudit } from '../../db/audit.ts';
import type { Database } from '../../db/client.ts';
import { finalists } from '../../db/quiz-boards.ts';
import { finalResultsOfSeason } from '../../db/quiz-finals.ts';
import { campaignSummary } from '../../db/campaigns.ts';
import { addQuestions, createSeason, getSeason } from '../../db/quiz-seasons.ts';
import {
  checkRows,
  MAX_IMPORT_ROWS,
  rowsFromCsv,
  toBankQuestion,
  type ImportRow,
  type Problem,
} from '../../domain/quiz-import.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff, type StaffEnv } from '../../lib/auth.ts';
import { csvDocument } from '../../lib/csv.ts';
import { ApiError, notFound } from '../../lib/errors.ts';
import { t, type Language } from '../../lib/messages.ts';
import { canReach, staffScope } from '../../lib/scope.ts';
import { json, param, query } from '../../lib/validation.ts';
import { calendarDay, idParam, recordId } from '../schemas.ts';
import { seasonView } from '../quiz-views.ts';

const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

const whole = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

const newSeason = v.pipe(
  v.object({
    campaignId: recordId,
    startsOn: calendarDay,
    endsOn: calendarDay,
    questionsPerDay: whole(1, 50),
    timeLimitSec: whole(5, 3600),
    pointsPerCorrect: v.optional(whole(1, 1000), 10),
  }),
  v.forward(
    v.check((input) => input.startsOn <= input.endsOn, 'dates_out_of_order'),
    ['endsOn'],
  ),
);

const topQuery = v.object({
  top: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(100)), '10'),
});

/** The season, with its campaign's organization, when the staff member's organization runs that campaign. */
export async function reachableSeason<E extends StaffEnv>(c: Context<E>, db: Database, id: string) {
  const found = await getSeason(db, id);
  if (!found || !canReach(c.var.staff, found.campaign.organizationId)) throw notFound();
  return found;
}

const jsonMediaType = /^application\/([\w.-]+\+)?json$/i;

/** The rows of a question import, from a JSON array or a CSV file, with the CSV rows refused already. */
async function importRows<E extends AppEnv>(
  c: Context<E>,
): Promise<{ rows: ImportRow[]; rejected: { line: number; problems: Problem[] }[] }> {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const bytes = await c.req.arrayBuffer();
  if (mediaType === 'text/csv') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      throw new ApiError(400, 'validation_failed', { issues: [{ path: 'body', message: 'quiz_csv_encoding' }] });
    }
    const read = rowsFromCsv(text);
    if ('headerProblem' in read)
      throw new ApiError(400, 'validation_failed', { issues: [{ path: 'header', message: 'quiz_csv_header' }] });
    return read;
  }
  if (!jsonMediaType.test(mediaType)) throw new ApiError(400, 'invalid_json', { message: 'quiz_import_format' });
  let items: unknown;
  try {
    items = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ApiError(400, 'invalid_json');
  }
  if (!Array.isArray(items))
    throw new ApiError(400, 'validation_failed', { issues: [{ path: 'body', message: 'quiz_import_format' }] });
  return { rows: items.map((input, index) => ({ line: index + 1, input })), rejected: [] };
}

const explain = (language: Language, problems: Problem[]) =>
  problems.map((problem) => t(language, problem.message, problem.params)).join(language === 'en' ? ' ' : '');

type FinalistRow = Awaited<ReturnType<typeof finalists>>[number];

const finalistHeader: Record<Language, string[]> = {
  'zh-CN': ['名次', '姓名', '手机号', '区县', '总分', '用时（秒）', '参赛天数'],
  en: ['Rank', 'Name', 'Phone', 'District', 'Score', 'Time (s)', 'Days played'],
};

/**
 * The finalists of a reachable season. They carry full names and phone numbers, so every listing
 * goes into the audit log.
 */
async function listFinalists<E extends StaffEnv>(c: Context<E>, seasonId: string, top: number, format: 'json' | 'csv') {
  const db = c.var.db;
  const { season, campaign } = await reachableSeason(c, db, seasonId);
  const rows = await finalists(db, season.id, top);
  await recordAudit(
    db,
    byStaff(
      c.var.staff,
      campaign.organizationId,
      'quiz.finalists.export',
      { type: 'season', id: season.id },
      { format, rows: rows.length },
    ),
  );
  return rows;
}

export const adminQuizRoutes = new Hono<AppEnv>()
  .post('/seasons', requireStaff('admin', 'organizer'), ...json(newSeason), async (c) => {
    const input = c.req.valid('json');
    const db = c.var.db;
    const campaign = await campaignSummary(db, input.campaignId, staffScope(c.var.staff));
    if (!campaign) throw notFound();
    if (campaign.kind !== 'quiz') {
      throw new ApiError(400, 'validation_failed', { issues: [{ path: 'campaignId', message: 'campaign_not_quiz' }] });
    }
    const season = await createSeason(db, input);
    if (!season) throw new ApiError(409, 'season_exists');
    await recordAudit(
      db,
      byStaff(
        c.var.staff,
        campaign.organizationId,
        'quiz.season.create',
        { type: 'season', id: season.id },
        { campaignId: campaign.id },
      ),
    );
    return c.json({ season: seasonView(season, campaign.title) }, 201);
  })
  .post(
    '/seasons/:id/questions',
    requireStaff('admin', 'organizer'),
    bodyLimit({ maxSize: MAX_IMPORT_BYTES }),
    param(idParam),
    async (c) => {
      const db = c.var.db;
      const { season, campaign } = await reachableSeason(c, db, c.req.valid('param').id);
      const { rows, rejected } = await importRows(c);
      if (rows.length > MAX_IMPORT_ROWS)
        throw new ApiError(400, 'validation_failed', { issues: [{ path: 'body', message: 'quiz_import_too_many' }] });

      const checked = checkRows(rows);
      const accepted = checked.flatMap((row) =>
        'question' in row
          ? [{ line: row.line, question: toBankQuestion(row.question, () => crypto.randomUUID()) }]
          : [],
      );
      const inserted = await addQuestions(
        db,
        season.id,
        accepted.map((row) => row.question),
      );
      const refused = [
        ...rejected,
        ...checked.flatMap((row) => ('problems' in row ? [row] : [])),
        ...accepted
          .filter((row) => !inserted.has(row.question.id))
          .map((row) => ({ line: row.line, problems: [{ message: 'quiz_duplicate_in_bank' as const }] })),
      ].sort((a, b) => a.line - b.line);
      await recordAudit(
        db,
        byStaff(
          c.var.staff,
          campaign.organizationId,
          'quiz.questions.import',
          { type: 'season', id: season.id },
          { imported: inserted.size, rejected: refused.length },
        ),
      );
      const language = c.get('language');
      return c.json(
        {
          imported: inserted.size,
          rejected: refused.map((row) => ({ line: row.line, message: explain(language, row.problems) })),
        },
        201,
      );
    },
  )
  .get('/seasons/:id/finalists', requireStaff('admin', 'organizer'), param(idParam), query(topQuery), async (c) => {
    const seasonId = c.req.valid('param').id;
    const rows = await listFinalists(c, seasonId, c.req.valid('query').top, 'json');
    // Once the season's live final has ended, each finalist's place in it.
    const results = await finalResultsOfSeason(c.var.db, seasonId);
    return c.json(
      {
        items: rows.map(({ personId, ...row }, index) => ({
          rank: index + 1,
          ...row,
          final: results.get(personId) ?? null,
        })),
      },
      200,
    );
  })
  .get('/seasons/:id/finalists.csv', requireStaff('admin', 'organizer'), param(idParam), query(topQuery), async (c) => {
    const rows = await listFinalists(c, c.req.valid('param').id, c.req.valid('query').top, 'csv');
    const cells = (row: FinalistRow, index: number) => [
      index + 1,
      row.name,
      row.phone,
      row.district,
      row.score,
      (row.timeMs / 1000).toFixed(1),
      row.daysPlayed,
    ];
    return c.body(csvDocument(finalistHeader[c.get('language')], rows.map(cells)), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="finalists.csv"; filename*=UTF-8''${encodeURIComponent('决赛名单')}.csv`,
    });
  });
