import { eq, sql } from 'drizzle-orm';
import type { Profile } from '../domain/profile.ts';
import type { Database } from './client.ts';
import { people } from './schema.ts';

export type Person = typeof people.$inferSelect;

/** The person with this phone, created on first sign-in (one statement, so parallel sign-ins agree). */
export async function findOrCreatePerson(db: Database, phone: string): Promise<Person> {
  const [person] = await db
    .insert(people)
    .values({ id: crypto.randomUUID(), phone })
    .onConflictDoUpdate({ target: people.phone, set: { phone: sql`excluded.phone` } })
    .returning();
  return person!;
}

export async function updateProfile(db: Database, id: string, profile: Profile): Promise<Person> {
  const [person] = await db.update(people).set(profile).where(eq(people.id, id)).returning();
  return person!;
}
