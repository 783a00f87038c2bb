import type { Context } from 'hono';
import { runBatch } from '../db/prepared.ts';
import { consume, eventCounter, type Limit, type LimitState } from '../db/rate-limits.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from './errors.ts';
import { hashKey } from './keyed-hash.ts';

export function tooMany(retryAfterSec: number) {
  return new ApiError(429, 'rate_limited', { retryAfterSec });
}

/** Answers 429 with Retry-After when any counted event passed its limit (the longest wait wins). */
export function refuseOverLimit(...states: LimitState[]) {
  const over = states.filter((state) => !state.allowed);
  if (over.length) throw tooMany(Math.max(...over.map((state) => state.retryAfterSec)));
}

/** Counts the attempt, and answers 429 with Retry-After once the limit is passed. */
export async function enforceLimit<E extends AppEnv>(c: Context<E>, limit: Limit) {
  refuseOverLimit(await consume(c.var.db, hashKey(c.env), limit));
}

/** Counts the attempt against several limits in one D1 batch, then as `enforceLimit`. */
export async function enforceLimits<E extends AppEnv>(c: Context<E>, limits: [Limit, ...Limit[]], now = Date.now()) {
  const db = c.var.db;
  const key = hashKey(c.env);
  const [first, ...rest] = await Promise.all(limits.map((limit) => eventCounter(db, key, limit, now)));
  const counts = await runBatch(db, [first!.query, ...rest.map((counter) => counter.query)]);
  refuseOverLimit(...[first!, ...rest].map((counter, i) => counter.verdict(counts[i]!)));
}

/**
 * Limits refusals only: `work` runs while the count (`state`, read with the request's other reads)
 * is within the limit, and each 4xx it answers is counted by `countRefusal`. For actions that
 * succeed at most once by their nature (a quiz submit), so the success needs no counter write
 * while hammering is still cut off.
 */
export async function limitRefusals<T>(
  state: LimitState,
  countRefusal: () => Promise<unknown>,
  work: () => Promise<T>,
): Promise<T> {
  refuseOverLimit(state);
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError && error.status < 500) await countRefusal();
    throw error;
  }
}

/** The 16-bit groups of an IPv6 address (zone and embedded IPv4 allowed), or null. */
function ipv6Groups(text: string): number[] | null {
  let address = text.toLowerCase().split('%')[0]!;
  const embedded = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (embedded) {
    const [a, b, c, d] = embedded.slice(2).map(Number) as [number, number, number, number];
    if ([a, b, c, d].some((byte) => byte > 255)) return null;
    address = `${embedded[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves[1] ? halves[1].split(':') : [];
  const zeros = 8 - head.length - tail.length;
  if (halves.length === 1 ? zeros !== 0 : zeros < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? zeros : 0).fill('0'), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return null;
  return groups.map((group) => Number.parseInt(group, 16));
}

/**
 * What per-address limits count by: an IPv4 address as it is; an IPv6 address by its /64, the
 * block one subscriber line or host is given (its 2^64 addresses would be fresh keys otherwise);
 * null for no address or one that does not parse.
 */
export function addressPrefix(text: string | undefined): string | null {
  if (!text) return null;
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (ipv4) return ipv4.slice(1).every((byte) => Number(byte) <= 255) ? text : null;
  const groups = ipv6Groups(text);
  if (!groups) return null;
  // IPv4-mapped (::ffff:203.0.113.7) is the IPv4 address.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/**
 * A limit per client address (its /64 over IPv6). Cloudflare gives every request from the
 * internet its address; one without (a call from another Worker, a broken proxy in front) is not
 * let past the limit, nor put in the same bucket as anyone's address: all such requests share a
 * ceiling of their own, a tenth of one address's.
 */
export function perAddress<E extends AppEnv>(c: Context<E>, name: string, max: number, windowSec: number): Limit {
  const prefix = addressPrefix(c.req.header('cf-connecting-ip'));
  return prefix
    ? { key: `${name}:${prefix}`, max, windowSec }
    : { key: `${name}:no-address`, max: Math.ceil(max / 10), windowSec };
}
