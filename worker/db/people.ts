import { and, eq, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Profile } from '../domain/profile.ts';
import { decryptText, encryptText, type KeyRing } from '../lib/crypto.ts';
import type { Database } from './client.ts';
import { people } from './schema.ts';

/** A person as stored: the birth date sealed. */
export type PersonRow = typeof people.$inferSelect;

/** A person as the Worker uses them, with the birth date read back. */
export type Person = Omit<PersonRow, 'birthDateEncrypted'> & { birthDate: string | null };

/** The person with the birth date decrypted. */
export async function revealPerson(keys: KeyRing, row: PersonRow): Promise<Person> {
  const { birthDateEncrypted, ...person } = row;
  const birthDate = birthDateEncrypted ? await decryptText(keys, birthDateEncrypted) : null;
  return { ...person, birthDate };
}

/** How a birth date is stored: encrypted, its year in plain (the desk's "born 1990"), no plain copy. */
export async function birthDateColumns(keys: KeyRing, birthDate: string | null) {
  return {
    birthDateEncrypted: birthDate === null ? null : await encryptText(keys, birthDate),
    birthYear: birthDate === null ? null : Number(birthDate.slice(0, 4)),
  };
}

/**
 * Changes only the fields given, so two changes to different fields never undo each other;
 * the emergency-donor rule is checked on the row as it is when written. Undefined when the
 * change would break that rule.
 */
export async function changeProfile(
  db: Database,
  keys: KeyRing,
  id: string,
  change: Partial<Profile>,
): Promise<Person | undefined> {
  const after = <K extends keyof Profile>(key: K, column: SQLiteColumn) =>
    key in change ? sql`${typeof change[key] === 'boolean' ? Number(change[key]) : change[key]}` : sql`${column}`;
  const donorRule = sql`(${after('emergencyDonor', people.emergencyDonor)} = 0
    OR (${after('bloodType', people.bloodType)} IS NOT NULL AND ${after('district', people.district)} IS NOT NULL))`;
  if (Object.keys(change).length === 0) {
    const row = await db.select().from(people).where(eq(people.id, id)).get();
    return row && revealPerson(keys, row);
  }
  const { birthDate, ...rest } = change;
  const columns = { ...rest, ...(birthDate !== undefined && (await birthDateColumns(keys, birthDate))) };
  const [row] = await db
    .update(people)
    .set(columns)
    .where(and(eq(people.id, id), donorRule))
    .returning();
  return row && revealPerson(keys, row);
}
