// Server-side sessions: the browser holds a random token, D1 holds only its SHA-256.
import { and, eq, gt, isNotNull, lt, sql, type SQLWrapper } from 'drizzle-orm';
import { randomToken, sha256 } from '../lib/tokens.ts';
import { auditStatement, type AuditEntry } from './audit.ts';
import { batch, type Database } from './client.ts';
import { authSessions, people, staff } from './schema.ts';

export type Subject = { personId: string } | { staffId: string };

/** Starts a session and returns its token; with an audit entry, the two are written in one batch. */
export async function createSession(
  db: Database,
  subject: Subject,
  ttlSec: number,
  audit?: AuditEntry,
  now = Date.now(),
) {
  const token = randomToken();
  const insert = db.insert(authSessions).values({
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

export async function endSession(db: Database, token: string) {
  await db.delete(authSessions).where(eq(authSessions.tokenHash, await sha256(token)));
}

/** The person holding a live session, as a query that can also join a D1 batch. */
export const personBySession = (db: Database, tokenHash: string, now = Date.now()) =>
  db
    .select({ person: people })
    .from(authSessions)
    .innerJoin(people, eq(people.id, authSessions.personId))
    .where(and(eq(authSessions.tokenHash, tokenHash), gt(authSessions.expiresAt, new Date(now))));

/**
 * The id of the person holding a live session, as a subquery: reads of that person's own rows can
 * then join the batch that reads the session, instead of waiting for it.
 */
export const sessionPersonId = (db: Database, tokenHash: string, now = Date.now()) =>
  db.select({ personId: authSessions.personId }).from(authSessions).where(liveCitizenSession(tokenHash, now));

/** The condition on `auth_sessions` of a citizen's live session. */
export const liveCitizenSession = (tokenHash: string | SQLWrapper, now: number | SQLWrapper) =>
  and(
    eq(authSessions.tokenHash, tokenHash),
    isNotNull(authSessions.personId), // a staff session is nobody's here
    sql`${authSessions.expiresAt} > ${now}`,
  );

export async function findPersonBySession(db: Database, token: string, now = Date.now()) {
  return (await personBySession(db, await sha256(token), now).get())?.person;
}

/** The active staff member holding a live session, as a query that can also join a D1 batch. */
export const staffBySession = (db: Database, tokenHash: string, now = Date.now()) =>
  db
    .select({ id: staff.id, email: staff.email, role: staff.role, organizationId: staff.organizationId })
    .from(authSessions)
    .innerJoin(staff, eq(staff.id, authSessions.staffId))
    .where(
      and(
        eq(authSessions.tokenHash, tokenHash),
        gt(authSessions.expiresAt, new Date(now)),
        // Deactivating ends the sessions too; this holds even for one begun in that very moment.
        eq(staff.active, true),
      ),
    );

export async function findStaffBySession(db: Database, token: string, now = Date.now()) {
  return staffBySession(db, await sha256(token), now).get();
}

export async function deleteExpiredSessions(db: Database, now = Date.now()) {
  await db.delete(authSessions).where(lt(authSessions.expiresAt, new Date(now)));
}
