import type { Context } from 'hono';
import type { Database } from '../db/client.ts';
import { consume, eventCounter, peek, type Limit, type LimitState } from '../db/rate-limits.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from './errors.ts';

export function tooMany(retryAfterSec: number) {
  return new ApiError(429, 'rate_limited', { retryAfterSec });
}

/** Answers 429 with Retry-After when any counted event passed its limit (the longest wait wins). */
export function refuseOverLimit(...states: LimitState[]) {
  const over = states.filter((state) => !state.allowed);
  if (over.length) throw tooMany(Math.max(...over.map((state) => state.retryAfterSec)));
}

/** Counts the attempt, and answers 429 with Retry-After once the limit is passed. */
export async function enforceLimit(db: Database, limit: Limit) {
  refuseOverLimit(await consume(db, limit));
}

/** Counts the attempt against several limits in one D1 batch, then as `enforceLimit`. */
export async function enforceLimits(db: Database, limits: [Limit, ...Limit[]], now = Date.now()) {
  const [first, ...rest] = await Promise.all(limits.map((limit) => eventCounter(db, limit, now)));
  const counts = await db.batch([first!.query, ...rest.map((counter) => counter.query)]);
  refuseOverLimit(...[first!, ...rest].map((counter, i) => counter.verdict(counts[i]!)));
}

/**
 * Limits refusals only: `work` runs while the count is within the limit, and each 4xx it answers
 * counts one. For actions that succeed at most once by their nature (a quiz submit), so the
 * success needs no counter write while hammering is still cut off.
 */
export async function limitRefusals<T>(db: Database, limit: Limit, work: () => Promise<T>): Promise<T> {
  refuseOverLimit(await peek(db, limit));
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError && error.status < 500) await consume(db, limit);
    throw error;
  }
}

/** The caller's address as Cloudflare saw it; wrangler dev and tests set it too. */
export function clientIp(c: Context<AppEnv>): string {
  return c.req.header('cf-connecting-ip') ?? 'unknown';
}
