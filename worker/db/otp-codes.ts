// SMS sign-in codes. Each check-and-write is a single statement, so retries and parallel
// requests cannot slip past the limits or use one code twice.
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { sha256 } from '../lib/tokens.ts';
import type { Database } from './client.ts';
import { otpCodes } from './schema.ts';

export const OTP_TTL_SEC = 300;
export const OTP_MAX_FAILED_ATTEMPTS = 5;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const OTP_PER_PHONE_PER_HOUR = 10;

const codeHash = (id: string, code: string) => sha256(`${id}:${code}`);

export type IssueResult = { issued: true; id: string } | { issued: false; retryAfterSec: number };

/**
 * Stores a new code unless this phone had one in the last minute or ten in the last hour.
 */
export async function issueCode(db: Database, phone: string, code: string, now = Date.now()): Promise<IssueResult> {
  const id = crypto.randomUUID();
  const hash = await codeHash(id, code);
  const inserted = await db.run(sql`
    INSERT INTO otp_codes (id, phone, code_hash, created_at, expires_at)
    SELECT ${id}, ${phone}, ${hash}, ${now}, ${now + OTP_TTL_SEC * 1000}
    WHERE NOT EXISTS (SELECT 1 FROM otp_codes WHERE phone = ${phone} AND created_at > ${now - MINUTE})
      AND (SELECT count(*) FROM otp_codes WHERE phone = ${phone} AND created_at > ${now - HOUR}) < ${OTP_PER_PHONE_PER_HOUR}`);
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
  const hourWait = recent.length >= OTP_PER_PHONE_PER_HOUR && oldestCounted !== undefined ? oldestCounted + HOUR - now : 0;
  const waitMs = Math.max(minuteWait, hourWait);
  return { issued: false, retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)) };
}

export async function withdrawCode(db: Database, id: string) {
  await db.delete(otpCodes).where(eq(otpCodes.id, id));
}

export type CheckResult = 'ok' | 'invalid_code' | 'code_expired';

/** Checks a code against the phone's newest live code; a right code can be used once. */
export async function checkCode(db: Database, phone: string, code: string, now = Date.now()): Promise<CheckResult> {
  const current = await db
    .select()
    .from(otpCodes)
    .where(eq(otpCodes.phone, phone))
    .orderBy(desc(otpCodes.createdAt))
    .limit(1)
    .get();
  const live = (row: typeof current): row is NonNullable<typeof current> =>
    !!row && !row.usedAt && row.expiresAt.getTime() > now && row.failedAttempts < OTP_MAX_FAILED_ATTEMPTS;
  if (!live(current)) return 'code_expired';

  const stillLive = and(
    eq(otpCodes.id, current.id),
    isNull(otpCodes.usedAt),
    gt(otpCodes.expiresAt, new Date(now)),
    lt(otpCodes.failedAttempts, OTP_MAX_FAILED_ATTEMPTS),
  );
  if ((await codeHash(current.id, code)) === current.codeHash) {
    const used = await db.update(otpCodes).set({ usedAt: new Date(now) }).where(stillLive).returning({ id: otpCodes.id });
    return used.length === 1 ? 'ok' : 'code_expired';
  }
  const [failed] = await db
    .update(otpCodes)
    .set({ failedAttempts: sql`${otpCodes.failedAttempts} + 1` })
    .where(stillLive)
    .returning({ failedAttempts: otpCodes.failedAttempts });
  return failed && failed.failedAttempts < OTP_MAX_FAILED_ATTEMPTS ? 'invalid_code' : 'code_expired';
}

export async function deleteStaleCodes(db: Database, now = Date.now()) {
  await db.delete(otpCodes).where(lt(otpCodes.createdAt, new Date(now - 2 * HOUR)));
}
