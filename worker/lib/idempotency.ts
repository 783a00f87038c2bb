// Idempotency-Key: the client's name for one request, so that the same request sent again after
// a lost answer does its work once.
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { ApiError } from './errors.ts';

/** Printable ASCII, as clients generate them (usually a UUID). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The request's Idempotency-Key when it sent one; a malformed one is a 400. */
export function idempotencyKey<E extends AppEnv>(c: Context<E>): string | undefined {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ApiError(400, 'validation_failed', { issues: [{ path: 'Idempotency-Key', message: 'field_invalid' }] });
  }
  return key;
}

/**
 * A UUID-shaped id that the same parts always give: a keyed request names the row it creates
 * after its key (with who sent it and where), so a retry inserts the same id, which the insert
 * then ignores, and nothing is created twice.
 */
export async function derivedId(...parts: string[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('\n')));
  const hex = Array.from(new Uint8Array(digest).subarray(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
