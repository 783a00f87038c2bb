// Digests of things an attacker could guess (six-digit sign-in codes, addresses and phone numbers
// in rate-limit keys) are HMACs under the HASH_KEY secret: a copy of the database alone cannot
// test guesses against them. There is no unkeyed fallback: a Worker without the secret fails.
import type { Bindings } from '../env.ts';
import { hmacSha256, toBase64Url } from './tokens.ts';

export class MissingSecretError extends Error {
  override name = 'MissingSecretError';
  constructor(secret: string) {
    super(`the ${secret} secret is not set (docs/deploying.md)`);
  }
}

/** The HASH_KEY secret, or a MissingSecretError that names it. */
export function hashKey(env: Pick<Bindings, 'HASH_KEY'>): string {
  if (!env.HASH_KEY) throw new MissingSecretError('HASH_KEY');
  return env.HASH_KEY;
}

/** base64url of HMAC-SHA256(secret, text). */
export async function keyedHash(secret: string, text: string): Promise<string> {
  return toBase64Url(await hmacSha256(secret, text));
}
