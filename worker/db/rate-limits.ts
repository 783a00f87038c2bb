// Fixed-window counters in D1: they hold across isolates and machines, under wrangler dev,
// in tests and in production alike. Keys are hashed so no raw IP or phone is stored.
import { and, eq, lt, sql } from 'drizzle-orm';
import { sha256 } from '../lib/tokens.ts';
import type { Database } from './client.ts';
import { rateLimits } from './schema.ts';

export interface Limit {
  /** What is counted, e.g. `otp-ip:203.0.113.7`. */
  key: string;
  max: number;
  windowSec: number;
}

export interface LimitState {
  count: number;
  allowed: boolean;
  retryAfterSec: number;
}

function window(limit: Limit, now: number) {
  const windowMs = limit.windowSec * 1000;
  const start = Math.floor(now / windowMs) * windowMs;
  return { start, retryAfterSec: Math.ceil((start + windowMs - now) / 1000) };
}

/** Counts one more event and says whether it is still within the limit (one statement). */
export async function consume(db: Database, limit: Limit, now = Date.now()): Promise<LimitState> {
  const { start, retryAfterSec } = window(limit, now);
  const [row] = await db
    .insert(rateLimits)
    .values({ key: await sha256(limit.key), windowStart: start, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({ count: rateLimits.count });
  const count = row?.count ?? 1;
  return { count, allowed: count <= limit.max, retryAfterSec };
}

/** Reads the current count without adding to it. */
export async function peek(db: Database, limit: Limit, now = Date.now()): Promise<LimitState> {
  const { start, retryAfterSec } = window(limit, now);
  const row = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, await sha256(limit.key)), eq(rateLimits.windowStart, start)))
    .get();
  const count = row?.count ?? 0;
  return { count, allowed: count < limit.max, retryAfterSec };
}

export async function deleteExpiredWindows(db: Database, now = Date.now()) {
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, now - 24 * 60 * 60 * 1000));
}
