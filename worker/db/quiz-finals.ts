// The live finals in D1: who is invited (with each one's personal link), and the results once the
// host ends a final. The game itself is in the final's Durable Object (worker/quiz-final/).
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Standing } from '../domain/quiz-final.ts';
import { auditStatement, type AuditEntry } from './audit.ts';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import { campaigns, organizations, quizFinalists, quizFinals, quizQuestions, quizSeasons } from './schema.ts';

export type Final = typeof quizFinals.$inferSelect;
export type Finalist = typeof quizFinalists.$inferSelect;
export type NewFinalist = Omit<Finalist, 'finalId' | 'points' | 'rank' | 'prize' | 'certificateCode'>;

/**
 * Adds the final and its finalists, with the audit entry, in one batch; false when the season
 * has a final already (UNIQUE index), and then nothing is written.
 */
export async function createFinal(
  db: Database,
  final: Omit<Final, 'createdAt' | 'endedAt'>,
  finalists: NewFinalist[],
  audit: AuditEntry,
): Promise<boolean> {
  const created = sql`EXISTS (SELECT 1 FROM quiz_finals WHERE id = ${final.id})`;
  const [inserted] = await batch<[{ id: string }[]]>(db, [
    sql`INSERT INTO quiz_finals (id, season_id, title, question_count, time_limit_sec)
        VALUES (${final.id}, ${final.seasonId}, ${final.title}, ${final.questionCount}, ${final.timeLimitSec})
        ON CONFLICT (season_id) DO NOTHING RETURNING id`,
    sql`INSERT INTO quiz_finalists (id, final_id, person_id, seed, name, district, token)
        SELECT value ->> 'id', ${final.id}, value ->> 'personId', value ->> 'seed', value ->> 'name',
          value ->> 'district', value ->> 'token'
        FROM json_each(${JSON.stringify(finalists)}) WHERE ${created}`,
    auditStatement(audit, Date.now(), created),
  ]);
  return inserted.length === 1;
}

/** A final with its season's campaign title and organization. */
export async function getFinal(db: Database, id: string) {
  return db
    .select({ final: quizFinals, seasonTitle: campaigns.title, organizationId: campaigns.organizationId })
    .from(quizFinals)
    .innerJoin(quizSeasons, eq(quizSeasons.id, quizFinals.seasonId))
    .innerJoin(campaigns, eq(campaigns.id, quizSeasons.campaignId))
    .where(eq(quizFinals.id, id))
    .get();
}

export async function finalOfSeason(db: Database, seasonId: string) {
  return db.select().from(quizFinals).where(eq(quizFinals.seasonId, seasonId)).get();
}

/** The finalists of a final, in the order of the season board that invited them. */
export async function finalistsOf(db: Database, finalId: string) {
  return db
    .select()
    .from(quizFinalists)
    .where(eq(quizFinalists.finalId, finalId))
    .orderBy(asc(quizFinalists.seed))
    .all();
}

/** The season's questions among `ids`, answer key included (it goes to the final's object only). */
export async function bankQuestions(db: Database, seasonId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(quizQuestions)
    .where(and(eq(quizQuestions.seasonId, seasonId), inArray(quizQuestions.id, ids)))
    .all();
}

const certificateFields = {
  name: quizFinalists.name,
  rank: quizFinalists.rank,
  prize: quizFinalists.prize,
  points: quizFinalists.points,
  certificateCode: quizFinalists.certificateCode,
  finalTitle: quizFinals.title,
  endedAt: quizFinals.endedAt,
  seasonTitle: campaigns.title,
  organization: organizations.name,
};

function finalistWhere(db: Database, where: SQL) {
  return db
    .select({ finalistId: quizFinalists.id, finalId: quizFinals.id, ...certificateFields })
    .from(quizFinalists)
    .innerJoin(quizFinals, eq(quizFinals.id, quizFinalists.finalId))
    .innerJoin(quizSeasons, eq(quizSeasons.id, quizFinals.seasonId))
    .innerJoin(campaigns, eq(campaigns.id, quizSeasons.campaignId))
    .innerJoin(organizations, eq(organizations.id, campaigns.organizationId))
    .where(where)
    .get();
}

/** The finalist whose personal link holds `token`, with their final, season and organization. */
export const finalistByToken = (db: Database, token: string) => finalistWhere(db, eq(quizFinalists.token, token));

/** The certificate with this verification code (given once the final ended). */
export const certificateByCode = (db: Database, code: string) =>
  finalistWhere(db, eq(quizFinalists.certificateCode, code));

/**
 * Writes the results of an ended final: each finalist's points, rank and prize, a certificate
 * code for each (kept if the results are written again), and the end time, with the audit entry
 * of the first time, in one batch.
 */
export async function recordResults(
  db: Database,
  finalId: string,
  results: (Standing & { certificateCode: string })[],
  audit: AuditEntry,
) {
  const now = Date.now();
  await batch(db, [
    auditStatement(audit, now, sql`(SELECT ended_at FROM quiz_finals WHERE id = ${finalId}) IS NULL`),
    sql`UPDATE quiz_finals SET ended_at = coalesce(ended_at, ${now}) WHERE id = ${finalId}`,
    sql`UPDATE quiz_finalists SET points = r.value ->> 'points', rank = r.value ->> 'rank', prize = r.value ->> 'prize',
          certificate_code = coalesce(certificate_code, r.value ->> 'certificateCode')
        FROM json_each(${JSON.stringify(results)}) AS r
        WHERE quiz_finalists.final_id = ${finalId} AND quiz_finalists.id = r.value ->> 'finalistId'`,
  ]);
}

/** A season's final results by person: what the finalists list shows beside the season board. */
export async function finalResultsOfSeason(db: Database, seasonId: string) {
  const rows = await db
    .select({
      personId: quizFinalists.personId,
      rank: quizFinalists.rank,
      prize: quizFinalists.prize,
      points: quizFinalists.points,
      certificateCode: quizFinalists.certificateCode,
    })
    .from(quizFinalists)
    .innerJoin(quizFinals, eq(quizFinals.id, quizFinalists.finalId))
    .where(and(eq(quizFinals.seasonId, seasonId), sql`${quizFinals.endedAt} IS NOT NULL`))
    .all();
  return new Map(rows.map(({ personId, ...result }) => [personId, result]));
}
