// The hardening list of issue 13: each promise here was broken once.
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keyedHash } from '../../worker/lib/keyed-hash.ts';
import { sha256 } from '../../worker/lib/tokens.ts';
import { createCampaign } from './fixtures.ts';
import { bloodCentreOrganizer, call, cookieFrom, createStaffMember, errorOf, newAddress, newPhone } from './helpers.ts';
import { quickCitizen } from './world.ts';

afterEach(() => vi.restoreAllMocks());

/** Every line the Worker wrote to the console during `work`. */
async function consoleLines(work: () => Promise<unknown>) {
  const lines: string[] = [];
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
  }
  await work();
  vi.restoreAllMocks();
  return lines;
}

describe('a deployed Worker without its SMS bridge', () => {
  it('refuses to send a sign-in code and logs that the bridge is missing, never the code', async () => {
    const bindings = { EXPOSE_DEV_OTP: undefined, SMS_WEBHOOK_URL: undefined, SMS_WEBHOOK_SECRET: undefined };
    let response: Response | undefined;
    const lines = await consoleLines(async () => {
      response = await call('/api/auth/otp', { body: { phone: newPhone() }, address: newAddress(), bindings });
    });
    expect(response!.status).toBe(503);
    expect((await errorOf(response!)).code).toBe('unavailable');
    expect(lines.some((line) => line.includes('"sms_not_configured"'))).toBe(true);
    for (const line of lines) {
      expect(line).not.toMatch(/验证码|Your code is/);
      expect(line).not.toMatch(/(?<![\da-f-])\d{6}(?![\da-f-])/);
    }
  });

  it('refuses as well when the URL is set but its secret is not', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const bindings = { EXPOSE_DEV_OTP: 'false', SMS_WEBHOOK_URL: 'https://sms-bridge.example/send' };
    const lines = await consoleLines(async () => {
      const response = await call('/api/auth/otp', { body: { phone: newPhone() }, address: newAddress(), bindings });
      expect(response.status).toBe(503);
    });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(lines.join('\n')).toContain('SMS_WEBHOOK_SECRET');
  });
});

describe('impossible dates and times', () => {
  it('are 400 validation_failed as a birth date at sign-up and on the profile', async () => {
    const { slotIds } = await createCampaign({
      kind: 'outreach',
      sessions: [
        {
          startsAt: '2099-01-10T09:00:00+08:00',
          endsAt: '2099-01-10T12:00:00+08:00',
          slots: [{ role: 'p', capacity: 5 }],
        },
      ],
    });
    const { cookie } = await quickCitizen();
    for (const birthDate of ['2001-02-30', '2001-13-01', '2001-04-31']) {
      const signUp = await call(`/api/slots/${slotIds[0]}/registrations`, {
        cookie,
        body: { name: '王五', birthDate },
      });
      expect(signUp.status, birthDate).toBe(400);
      const error = await errorOf(signUp);
      expect(error.code).toBe('validation_failed');
      expect(error.issues).toContainEqual({ path: 'birthDate', message: expect.any(String) });

      const profile = await call('/api/me', { method: 'PATCH', cookie, body: { birthDate } });
      expect(profile.status, birthDate).toBe(400);
      expect((await errorOf(profile)).issues?.[0]?.path).toBe('birthDate');
    }
  });

  it('are 400 validation_failed as session times (30 February, 24:00, 25:61)', async () => {
    const { organizationId } = await bloodCentreOrganizer();
    const member = await createStaffMember('organizer', organizationId);
    const cookie = cookieFrom(await call('/api/admin/auth/login', { body: member, address: newAddress() }));
    const { id } = await createCampaign({ organizationId, kind: 'blood_drive' });
    const times: [string, string][] = [
      ['2099-02-30T09:00:00+08:00', '2099-02-30T12:00:00+08:00'],
      ['2099-01-10T24:00:00+08:00', '2099-01-11T02:00:00+08:00'],
      ['2099-01-10T25:61+08:00', '2099-01-10T26:00+08:00'],
    ];
    for (const [startsAt, endsAt] of times) {
      const response = await call(`/api/admin/campaigns/${id}/sessions`, {
        cookie,
        body: { startsAt, endsAt, venue: '血站', address: '路 1 号', slots: [{ role: 'donor', capacity: 5 }] },
      });
      expect(response.status, startsAt).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('validation_failed');
      expect(error.issues?.map((issue) => issue.path)).toContain('startsAt');
    }
  });
});

describe('staff cookies', () => {
  it('are SameSite=Strict, so a link from another site arrives signed out; citizens stay Lax', async () => {
    const member = await createStaffMember('admin');
    const staff = await call('/api/admin/auth/login', { body: member, address: newAddress() });
    expect(staff.headers.getSetCookie().join()).toMatch(/SameSite=Strict/i);
  });
});

describe('the ID-number guard of call-out texts', () => {
  it('finds an ID number written with spaces, dashes, full-width or hidden characters', async () => {
    const { cookie } = await bloodCentreOrganizer();
    const disguises = [
      '请联系 371502 19900307 1230 的亲属',
      '请联系371502-19900307-1230',
      '请联系３７１５０２１９９００３０７１２３０',
      '请联系3715\u200b0219900307\u200d123X',
      '请联系 3715.0219.9003.0712.30',
    ];
    for (const message of disguises) {
      const response = await call('/api/admin/callouts', {
        cookie,
        body: { bloodType: 'B', message, dryRun: true },
      });
      expect(response.status, message).toBe(400);
      expect((await errorOf(response)).issues).toContainEqual({ path: 'message', message: expect.any(String) });
    }
    const fine = await call('/api/admin/callouts', {
      cookie,
      body: { bloodType: 'B', message: '血库B型告急，6月14日 8:00-17:00，电话 0635-8888888', dryRun: true },
    });
    expect(fine.status).toBe(200);
  });
});

describe('digests of guessable things', () => {
  it('are keyed with HASH_KEY: a database copy gives neither a sign-in code nor an address back', async () => {
    const phone = newPhone();
    const address = '192.0.2.55';
    const sent = await call('/api/auth/otp', { body: { phone }, address });
    const { devCode } = (await sent.json()) as { devCode: string };
    const row = await env.DB.prepare('SELECT id, code_hash FROM otp_codes WHERE phone = ?')
      .bind(phone)
      .first<{ id: string; code_hash: string }>();
    // The unkeyed digest an attacker would try all million codes with does not match…
    expect(row!.code_hash).not.toBe(await sha256(`${row!.id}:${devCode}`));
    // …the keyed one does, and the sign-in still works.
    expect(row!.code_hash).toBe(await keyedHash(env.HASH_KEY!, `${row!.id}:${devCode}`));
    expect((await call('/api/auth/verify', { body: { phone, code: devCode }, address })).status).toBe(200);

    const keys = await env.DB.prepare('SELECT key FROM rate_limits').all<{ key: string }>();
    const stored = new Set(keys.results.map((r) => r.key));
    expect(stored.has(await sha256(`otp-ip:${address}`))).toBe(false);
    expect(stored.has(await keyedHash(env.HASH_KEY!, `otp-ip:${address}`))).toBe(true);
  });

  it('fail clearly, without falling back, where HASH_KEY is missing', async () => {
    const phone = newPhone();
    let response: Response | undefined;
    const lines = await consoleLines(async () => {
      response = await call('/api/auth/otp', {
        body: { phone },
        address: newAddress(),
        bindings: { HASH_KEY: undefined },
      });
    });
    expect(response!.status).toBe(500);
    expect(lines.join('\n')).toMatch(/MissingSecretError.*HASH_KEY/);
    const stored = await env.DB.prepare('SELECT count(*) AS n FROM otp_codes WHERE phone = ?')
      .bind(phone)
      .first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });
});
