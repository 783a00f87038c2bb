// Per-address limits hold over IPv6 (by the /64) and for requests that carry no address at all.
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { keyedHash } from '../../worker/lib/keyed-hash.ts';
import { addressPrefix } from '../../worker/lib/rate-limit.ts';
import { BASE, newPhone, testClient } from './helpers.ts';

const askCode = (address: string) => testClient({ address }).auth.otp.$post({ json: { phone: newPhone() } });

describe('addressPrefix', () => {
  it('keeps IPv4 addresses and reduces IPv6 ones to their /64', () => {
    expect(addressPrefix('203.0.113.7')).toBe('203.0.113.7');
    expect(addressPrefix('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressPrefix('2001:DB8:1:2::ffff')).toBe('2001:db8:1:2::/64');
    expect(addressPrefix('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressPrefix('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressPrefix('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressPrefix('::1')).toBe('0:0:0:0::/64');
    for (const nonsense of [undefined, '', 'unknown', '1:2:3', '2001:db8::1::2', '300.1.1.1', 'g::1']) {
      expect(addressPrefix(nonsense)).toBeNull();
    }
  });
});

describe('SMS codes per address', () => {
  it('counts every address of one IPv6 /64 as one sender', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await askCode(`2001:db8:aa:bb:${i.toString(16)}::1`)).status);
    expect(statuses.slice(0, 60).every((status) => status === 202)).toBe(true);
    expect(statuses[60]).toBe(429);
    // The neighbouring /64 is someone else.
    expect((await askCode('2001:db8:aa:bc::1')).status).toBe(202);
  });

  it('holds one address prefix to 500 codes a day, however slowly it asks', async () => {
    // 498 codes asked earlier today from the prefix, as the Worker counts them (asking for them
    // through the API, 60 per ten minutes, would take the test minutes).
    const dayStart = Math.floor(Date.now() / 86_400_000) * 86_400_000;
    await env.DB.prepare('INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 498)')
      .bind(await keyedHash(env.HASH_KEY!, 'otp-ip-day:2001:db8:dd:0::/64'), dayStart)
      .run();
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i++) statuses.push((await askCode(`2001:db8:dd:0:${i}::1`)).status);
    expect(statuses).toEqual([202, 202, 429, 429]);
    expect((await askCode('2001:db8:dd:1::1')).status).toBe(202);
  });

  it('gives requests without an address a ceiling of their own, not the bucket of anyone with one', async () => {
    const withoutAddress = () =>
      app.fetch(
        new Request(`${BASE}/api/auth/otp`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ phone: newPhone() }),
        }),
        env,
        createExecutionContext(),
      );
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await withoutAddress()).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 202, 429]);
    // People with an address are not held by it.
    expect((await askCode('198.51.100.77')).status).toBe(202);
  });
});
