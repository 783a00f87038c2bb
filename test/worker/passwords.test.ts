import { describe, expect, it } from 'vitest';
import { DECOY_PASSWORD_HASH, hashPassword, PBKDF2_MAX_ITERATIONS, verifyPassword } from '../../worker/lib/password.ts';

describe('staff password hashing', () => {
  it('stays within the 100,000 PBKDF2 iterations production Workers accept', async () => {
    expect(PBKDF2_MAX_ITERATIONS).toBeLessThanOrEqual(100_000);
    const [algorithm, iterations] = (await hashPassword('lifeline-admin')).split('$');
    expect(algorithm).toBe('pbkdf2-sha256');
    expect(Number(iterations)).toBeLessThanOrEqual(100_000);
  });

  it('verifies the right password only, with a fresh salt each time', async () => {
    const first = await hashPassword('lifeline-admin');
    const second = await hashPassword('lifeline-admin');
    expect(first).not.toBe(second);
    expect(await verifyPassword('lifeline-admin', first)).toBe(true);
    expect(await verifyPassword('lifeline-admin', second)).toBe(true);
    expect(await verifyPassword('lifeline-Admin', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('refuses stored hashes it cannot trust rather than throwing', async () => {
    const [, , salt, hash] = (await hashPassword('pw-1234567890')).split('$');
    expect(await verifyPassword('pw-1234567890', `pbkdf2-sha256$100001$${salt}$${hash}`)).toBe(false);
    expect(await verifyPassword('pw-1234567890', `md5$1$${salt}$${hash}`)).toBe(false);
    expect(await verifyPassword('pw-1234567890', 'garbage')).toBe(false);
    expect(await verifyPassword('anything', DECOY_PASSWORD_HASH)).toBe(false);
  });
});
