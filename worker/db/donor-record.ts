// A donor's own record (their donations) and the electronic donor card's short-lived tokens.
import { and, desc, eq, gt, lt } from 'drizzle-orm';
import { randomToken, sha256 } from '../lib/tokens.ts';
import type { Database } from './client.ts';
import { donations, donorCards, people } from './schema.ts';

/** Every donation the person gave, latest first. */
export const donationHistory = (db: Database, personId: string) =>
  db
    .select({ day: donations.day, kind: donations.kind, volumeMl: donations.volumeMl })
    .from(donations)
    .where(eq(donations.personId, personId))
    .orderBy(desc(donations.day))
    .all();

/** Long enough to show at a gate, short enough that a screenshot passed on soon stops working. */
export const DONOR_CARD_TTL_MS = 5 * 60 * 1000;

/** A new card token for the person; the page asks for the next one before this expires. */
export async function issueDonorCard(db: Database, personId: string, now = Date.now()) {
  const token = randomToken();
  const expiresAt = new Date(now + DONOR_CARD_TTL_MS);
  await db.insert(donorCards).values({ tokenHash: await sha256(token), personId, expiresAt });
  return { token, expiresAt };
}

/** The holder of a card token that has not expired. */
export async function findDonorCardHolder(db: Database, token: string, now = Date.now()) {
  return db
    .select({ id: people.id, name: people.name })
    .from(donorCards)
    .innerJoin(people, eq(people.id, donorCards.personId))
    .where(and(eq(donorCards.tokenHash, await sha256(token)), gt(donorCards.expiresAt, new Date(now))))
    .get();
}

export async function deleteExpiredDonorCards(db: Database, now = Date.now()) {
  await db.delete(donorCards).where(lt(donorCards.expiresAt, new Date(now)));
}
