// Logins (sign-ins) kept on the server: the browser holds a random token, D1 holds only its SHA-256.
import { and, eq, gt, isNotNull, lt, sql, type SQLWrapper } from 'drizzle-orm';
import { randomToken, sha256 } from '../lib/tokens.ts';
import { auditStatement, type AuditEntry } from './audit.ts';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import { logins, people, staff } from './schema.ts';

export type Subject = { personId: string } | { staffId: string };

/** Starts a login and returns its token; with an audit entry, the two are written in one batch. */
export async function createLogin(
  db: Database,
  subject: Subject,
  ttlSec: number,
  audit?: AuditEntry,
  now = Date.now(),
) {
  const token = randomToken();
  const insert = db.insert(logins).values({
    tokenHash: await sha256(token),
    ...subject,
    createdAt: new Date(now),
    expiresAt: new Date(now + ttlSec * 1000),
  });
  await batch(db, [
    insert.getSQL(),
    ...(audit ? [auditStatement(audit, now)] : []),
    // The staff list shows who still uses their account (and who could be deactivated).
    ...('staffId' in subject ? [sql`UPDATE staff SET last_sign_in_at = ${now} WHERE id = ${subject.staffId}`] : []),
  ]);
  return token;
}

export async function endLogin(db: Database, token: string) {
  await db.delete(logins).where(eq(logins.tokenHash, await sha256(token)));
}

/** The person holding a live login, as a query that can also join a D1 batch. */
export const personByLogin = (db: Database, tokenHash: string, now = Date.now()) =>
  db
    .select({ person: people })
    .from(logins)
    .innerJoin(people, eq(people.id, logins.personId))
    .where(and(eq(logins.tokenHash, tokenHash), gt(logins.expiresAt, new Date(now))));

/**
 * The id of the person holding a live login, as a subquery: reads of that person's own rows can
 * then join the batch that reads the login, instead of waiting for it.
 */
export const loginPersonId = (db: Database, tokenHash: string, now = Date.now()) =>
  db.select({ personId: logins.personId }).from(logins).where(liveCitizenLogin(tokenHash, now));

/** The condition on `logins` of a citizen's live login. */
export const liveCitizenLogin = (tokenHash: string | SQLWrapper, now: number | SQLWrapper) =>
  and(
    eq(logins.tokenHash, tokenHash),
    isNotNull(logins.personId), // a staff login is nobody's here
    sql`${logins.expiresAt} > ${now}`,
  );

export async function findPersonByLogin(db: Database, token: string, now = Date.now()) {
  return (await personByLogin(db, await sha256(token), now).get())?.person;
}

/** The active staff member holding a live login, as a query that can also join a D1 batch. */
export const staffByLogin = (db: Database, tokenHash: string, now = Date.now()) =>
  db
    .select({ id: staff.id, email: staff.email, role: staff.role, organizationId: staff.organizationId })
    .from(logins)
    .innerJoin(staff, eq(staff.id, logins.staffId))
    .where(
      and(
        eq(logins.tokenHash, tokenHash),
        gt(logins.expiresAt, new Date(now)),
        // Deactivating ends the logins too; this holds even for one begun in that very moment.
        eq(staff.active, true),
      ),
    );

export async function findStaffByLogin(db: Database, token: string, now = Date.now()) {
  return staffByLogin(db, await sha256(token), now).get();
}

export async function deleteExpiredLogins(db: Database, now = Date.now()) {
  await db.delete(logins).where(lt(logins.expiresAt, new Date(now)));
}
