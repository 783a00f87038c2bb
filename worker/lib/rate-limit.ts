import type { Context } from 'hono';
import type { Database } from '../db/client.ts';
import { consume, type Limit } from '../db/rate-limits.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from './errors.ts';

export function tooMany(retryAfterSec: number) {
  return new ApiError(429, 'rate_limited', { retryAfterSec });
}

/** Counts the attempt, and answers 429 with Retry-After once the limit is passed. */
export async function enforceLimit(db: Database, limit: Limit) {
  const state = await consume(db, limit);
  if (!state.allowed) throw tooMany(state.retryAfterSec);
}

/** The caller's address as Cloudflare saw it; wrangler dev and tests set it too. */
export function clientIp(c: Context<AppEnv>): string {
  return c.req.header('cf-connecting-ip') ?? 'unknown';
}
