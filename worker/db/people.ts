import { and, eq, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Profile } from '../domain/profile.ts';
import type { Database } from './client.ts';
import { people } from './schema.ts';

export type Person = typeof people.$inferSelect;

/**
 * Changes only the fields given, so two changes to different fields never undo each other;
 * the emergency-donor rule is checked on the row as it is when written. Undefined when the
 * change would break that rule.
 */
export async function changeProfile(db: Database, id: string, change: Partial<Profile>): Promise<Person | undefined> {
  const after = <K extends keyof Profile>(key: K, column: SQLiteColumn) =>
    key in change ? sql`${typeof change[key] === 'boolean' ? Number(change[key]) : change[key]}` : sql`${column}`;
  const donorRule = sql`(${after('emergencyDonor', people.emergencyDonor)} = 0
    OR (${after('bloodType', people.bloodType)} IS NOT NULL AND ${after('district', people.district)} IS NOT NULL))`;
  if (Object.keys(change).length === 0) return db.select().from(people).where(eq(people.id, id)).get();
  const [person] = await db
    .update(people)
    .set(change)
    .where(and(eq(people.id, id), donorRule))
    .returning();
  return person;
}
