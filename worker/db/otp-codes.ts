// SMS sign-in codes. Each check-and-write is a single statement, so retries and parallel
// requests cannot slip past the limits or use one code twice.
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { keyedHash } from '../lib/keyed-hash.ts';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import { otpCodes } from './schema.ts';

export const OTP_TTL_SEC = 300;
export const OTP_MAX_FAILED_ATTEMPTS = 5;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const OTP_PER_PHONE_PER_HOUR = 10;

// Six digits are a million guesses: keyed with HASH_KEY, a copy of this table gives no code back.
const codeHash = (hashKey: string, id: string, code: string) => keyedHash(hashKey, `${id}:${code}`);

export type IssueResult = { issued: true; id: string } | { issued: false; retryAfterSec: number };

/**
 * Stores a new code unless this phone had one in the last minute or ten in the last hour.
 */
export async function issueCode(
  db: Database,
  hashKey: string,
  phone: string,
  code: string,
  now = Date.now(),
): Promise<IssueResult> {
  const id = crypto.randomUUID();
  const hash = await codeHash(hashKey, id, code);
  const inserted = await db.run(sql`
    INSERT INTO otp_codes (id, phone, code_hash, created_at, expires_at)
    SELECT ${id}, ${phone}, ${hash}, ${now}, ${now + OTP_TTL_SEC * 1000}
    WHERE NOT EXISTS (SELECT 1 FROM otp_codes WHERE phone = ${phone} AND created_at > ${now - MINUTE})
      AND (SELECT count(*) FROM otp_codes WHERE phone = ${phone} AND created_at > ${now - HOUR})
        < ${OTP_PER_PHONE_PER_HOUR}`);
  if (inserted.meta.changes === 1) return { issued: true, id };

  const recent = await db
    .select({ createdAt: otpCodes.createdAt })
    .from(otpCodes)
    .where(and(eq(otpCodes.phone, phone), gt(otpCodes.createdAt, new Date(now - HOUR))))
    .orderBy(desc(otpCodes.createdAt))
    .all();
  // Both limits may hold at once: wait for whichever lasts longer.
  const newest = recent[0]?.createdAt.getTime() ?? now;
  const oldestCounted = recent[OTP_PER_PHONE_PER_HOUR - 1]?.createdAt.getTime();
  const minuteWait = newest > now - MINUTE ? newest + MINUTE - now : 0;
  const hourWait =
    recent.length >= OTP_PER_PHONE_PER_HOUR && oldestCounted !== undefined ? oldestCounted + HOUR - now : 0;
  const waitMs = Math.max(minuteWait, hourWait);
  return { issued: false, retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)) };
}

export async function withdrawCode(db: Database, id: string) {
  await db.delete(otpCodes).where(eq(otpCodes.id, id));
}

export type CheckResult = { right: true; codeId: string } | { right: false; error: 'invalid_code' | 'code_expired' };

/**
 * Checks a code against the phone's newest live code. A wrong one counts as a failed attempt;
 * a right one is left live for useCode, which signs in with it.
 */
export async function checkCode(
  db: Database,
  hashKey: string,
  phone: string,
  code: string,
  now = Date.now(),
): Promise<CheckResult> {
  const current = await db
    .select()
    .from(otpCodes)
    .where(eq(otpCodes.phone, phone))
    .orderBy(desc(otpCodes.createdAt))
    .limit(1)
    .get();
  const live = (row: typeof current): row is NonNullable<typeof current> =>
    !!row && !row.usedAt && row.expiresAt.getTime() > now && row.failedAttempts < OTP_MAX_FAILED_ATTEMPTS;
  if (!live(current)) return { right: false, error: 'code_expired' };
  if ((await codeHash(hashKey, current.id, code)) === current.codeHash) return { right: true, codeId: current.id };

  const [failed] = await db
    .update(otpCodes)
    .set({ failedAttempts: sql`${otpCodes.failedAttempts} + 1` })
    .where(
      and(
        eq(otpCodes.id, current.id),
        isNull(otpCodes.usedAt),
        gt(otpCodes.expiresAt, new Date(now)),
        lt(otpCodes.failedAttempts, OTP_MAX_FAILED_ATTEMPTS),
      ),
    )
    .returning({ failedAttempts: otpCodes.failedAttempts });
  return {
    right: false,
    error: failed && failed.failedAttempts < OTP_MAX_FAILED_ATTEMPTS ? 'invalid_code' : 'code_expired',
  };
}

export interface CodeSignIn {
  codeId: string;
  phone: string;
  /** The new login: the SHA-256 of the browser's token, and when it ends. */
  tokenHash: string;
  expiresAt: number;
  /** The browser's current login, ended by the sign-in (rotation). */
  previousTokenHash?: string;
  /** The app's language at sign-in: the language of the texts the person will get. */
  language: 'zh-CN' | 'en';
}

/**
 * Uses a right code and signs its phone in, in one batch: the person (made at the first sign-in),
 * the new login, the code marked used, and the browser's previous login ended. Each statement
 * holds only while the code is live or once the new login exists, so of racing requests one
 * signs in, and a failed batch leaves the code live for the retry. The person's language follows
 * the app's at each sign-in. Undefined when the code was
 * used (or expired) in between.
 */
export async function useCode(db: Database, s: CodeSignIn, now = Date.now()) {
  const live = sql`EXISTS (SELECT 1 FROM otp_codes WHERE id = ${s.codeId} AND used_at IS NULL
    AND expires_at > ${now} AND failed_attempts < ${OTP_MAX_FAILED_ATTEMPTS})`;
  const signedIn = sql`EXISTS (SELECT 1 FROM logins WHERE token_hash = ${s.tokenHash})`;
  const results = await batch<unknown[][]>(db, [
    sql`INSERT INTO people (id, phone) SELECT ${crypto.randomUUID()}, ${s.phone} WHERE ${live}
        ON CONFLICT (phone) DO NOTHING`,
    sql`INSERT INTO logins (token_hash, person_id, created_at, expires_at)
        SELECT ${s.tokenHash}, id, ${now}, ${s.expiresAt} FROM people WHERE phone = ${s.phone} AND ${live}`,
    sql`UPDATE otp_codes SET used_at = ${now} WHERE id = ${s.codeId} AND ${signedIn}`,
    ...(s.previousTokenHash ? [sql`DELETE FROM logins WHERE token_hash = ${s.previousTokenHash} AND ${signedIn}`] : []),
    sql`UPDATE people SET language = ${s.language} WHERE phone = ${s.phone} AND ${signedIn}`,
    sql`SELECT p.id, p.phone, p.name FROM logins l JOIN people p ON p.id = l.person_id
        WHERE l.token_hash = ${s.tokenHash}`,
  ]);
  return results.at(-1)![0] as { id: string; phone: string; name: string | null } | undefined;
}

export async function deleteStaleCodes(db: Database, now = Date.now()) {
  await db.delete(otpCodes).where(lt(otpCodes.createdAt, new Date(now - 2 * HOUR)));
}
