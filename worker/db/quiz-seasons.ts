// Quiz seasons and their question banks.
import { eq, sql } from 'drizzle-orm';
import type { BankQuestion } from '../domain/quiz-import.ts';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import { campaigns, quizSeasons } from './schema.ts';

export type Season = typeof quizSeasons.$inferSelect;
export type NewSeason = Omit<typeof quizSeasons.$inferInsert, 'id' | 'createdAt'>;

/** Adds the season; undefined when the campaign has one already (UNIQUE index). */
export async function createSeason(db: Database, season: NewSeason) {
  const [created] = await db
    .insert(quizSeasons)
    .values({ id: crypto.randomUUID(), ...season })
    .onConflictDoNothing({ target: quizSeasons.campaignId })
    .returning();
  return created;
}

/** A season with its campaign's title, status and organization. */
export async function getSeason(db: Database, id: string) {
  return db
    .select({
      season: quizSeasons,
      campaign: { title: campaigns.title, status: campaigns.status, organizationId: campaigns.organizationId },
    })
    .from(quizSeasons)
    .innerJoin(campaigns, eq(campaigns.id, quizSeasons.campaignId))
    .where(eq(quizSeasons.id, id))
    .get();
}

// A JSON parameter per statement keeps far below D1's 100 bound parameters and 100 KB statements.
const ROWS_PER_STATEMENT = 200;

/**
 * Adds questions to the bank in one batch (one transaction). A stem the bank already has is
 * skipped: the answer is the set of ids that went in.
 */
export async function addQuestions(db: Database, seasonId: string, questions: BankQuestion[]): Promise<Set<string>> {
  const statements = [];
  for (let start = 0; start < questions.length; start += ROWS_PER_STATEMENT) {
    const rows = JSON.stringify(questions.slice(start, start + ROWS_PER_STATEMENT));
    statements.push(sql`
      INSERT INTO quiz_questions (id, season_id, type, stem, options, answer_ids, explanation, category)
      SELECT value ->> 'id', ${seasonId}, value ->> 'type', value ->> 'stem', value -> 'options',
        value -> 'answerIds', value ->> 'explanation', value ->> 'category'
      FROM json_each(${rows}) WHERE true
      ON CONFLICT (season_id, stem) DO NOTHING
      RETURNING id`);
  }
  if (statements.length === 0) return new Set();
  const inserted = await batch<{ id: string }[][]>(db, statements);
  return new Set(inserted.flat().map((row) => row.id));
}
