// Citizens sign in with an SMS one-time code: POST /api/auth/otp, /api/auth/verify, /api/auth/logout,
// exercised through HTTP against the Worker and a real local D1.
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { InferResponseType } from 'hono/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { app } from '../../worker/app.ts';
import {
  type AnyResponse,
  BASE,
  call,
  cookieFrom,
  errorOf,
  newAddress,
  newPhone,
  signInCitizen,
  testClient,
} from './helpers.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CJK = /[\u4e00-\u9fff]/;

/** The sign-in's routes at `origin` (https: a secure cookie), from `address`. */
const auth = (address: string, options: { cookie?: string; origin?: string } = {}) =>
  testClient({ address, ...options }).auth;
type Auth = ReturnType<typeof auth>;
/** The answers of the app called with a changed environment (fetchWithEnv), which are not typed. */
type OtpBody = InferResponseType<Auth['otp']['$post'], 202>;
type VerifyBody = InferResponseType<Auth['verify']['$post'], 200>;

interface OtpRow {
  id: string;
  phone: string;
  code_hash: string;
  created_at: number;
  expires_at: number;
  failed_attempts: number;
  used_at: number | null;
}

const requestCode = (phone: string, address: string, headers: Record<string, string> = {}) =>
  testClient({ address, headers }).auth.otp.$post({ json: { phone } });

/** Asks for a code and returns it (from `devCode`). */
async function codeFor(phone: string, address: string) {
  const response = await requestCode(phone, address);
  expect(response.status, await response.clone().text()).toBe(202);
  const { devCode } = await response.json();
  expect(devCode).toMatch(/^\d{6}$/);
  return devCode!;
}

const verify = (phone: string, code: string, address: string, options: { cookie?: string; origin?: string } = {}) =>
  auth(address, options).verify.$post({ json: { phone, code } });

const logout = (cookie: string | undefined, options: { origin?: string; address?: string } = {}) =>
  auth(options.address ?? newAddress(), { ...(cookie && { cookie }), ...options }).logout.$post();

/** A six-digit code that is surely not `code`. */
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

const otpRows = async (phone: string) =>
  (await env.DB.prepare('SELECT * FROM otp_codes WHERE phone = ? ORDER BY created_at').bind(phone).all<OtpRow>())
    .results;

/** Moves this phone's codes back in time, so the one-a-minute limit no longer holds them. */
const ageCodes = (phone: string, byMs = 2 * MINUTE) =>
  env.DB.prepare('UPDATE otp_codes SET created_at = created_at - ? WHERE phone = ?').bind(byMs, phone).run();

const sessionCount = async (personId: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM logins WHERE person_id = ?').bind(personId).first<{ n: number }>())!
    .n;

const me = (cookie?: string, origin = BASE) => testClient({ origin, ...(cookie && { cookie }) }).me.$get();

/** The Set-Cookie line for a cookie name, split into its name=value and lower-cased attributes. */
function setCookieLine(response: Pick<Response, 'headers'>, name: string) {
  const line = response.headers.getSetCookie().find((text) => text.startsWith(`${name}=`));
  expect(line, `Set-Cookie for ${name} in ${JSON.stringify(response.headers.getSetCookie())}`).toBeDefined();
  const [pair, ...attributes] = line!.split(';').map((part) => part.trim());
  return { pair: pair!, value: pair!.slice(name.length + 1), attributes: attributes.map((part) => part.toLowerCase()) };
}

/** Calls the app directly with a changed environment. */
function fetchWithEnv(overrides: Partial<Cloudflare.Env>, path: string, init: RequestInit & { address?: string } = {}) {
  const { address = newAddress(), headers, ...rest } = init;
  const request = new Request(`${BASE}${path}`, {
    ...rest,
    headers: {
      'cf-connecting-ip': address,
      'content-type': 'application/json',
      ...(headers as Record<string, string>),
    },
  });
  return app.fetch(request, { ...env, ...overrides }, createExecutionContext());
}

/**
 * Fixed-window limits: the Worker's clock stops a second into the next window, so the whole test
 * counts in one window that no earlier test wrote to (rather than waiting out a window's edge).
 */
function inAFreshWindow(windowSec: number) {
  const windowMs = windowSec * 1000;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime((Math.floor(Date.now() / windowMs) + 1) * windowMs + 1000);
}

function retryAfterOf(response: Pick<Response, 'headers'>) {
  const header = response.headers.get('retry-after');
  expect(header, 'Retry-After header').not.toBeNull();
  expect(header).toMatch(/^\d+$/);
  return Number(header);
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('POST /api/auth/otp', () => {
  it('answers 202 with sent, expiresIn 300 and a six-digit devCode', async () => {
    const response = await requestCode(newPhone(), newAddress());
    expect(response.status).toBe(202);
    const body = await response.json();
    expect(body).toMatchObject({ sent: true, expiresIn: 300, devCode: expect.stringMatching(/^\d{6}$/) });
  });

  it('stores one code row for the normalized phone, expiring in five minutes', async () => {
    const phone = newPhone();
    const before = Date.now();
    await codeFor(phone, newAddress());
    const rows = await otpRows(phone);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.created_at).toBeGreaterThanOrEqual(before - 1000);
    expect(row.created_at).toBeLessThanOrEqual(Date.now() + 1000);
    expect(row.expires_at - row.created_at).toBe(300_000);
    expect(row.failed_attempts).toBe(0);
    expect(row.used_at).toBeNull();
  });

  it('accepts +86 and spaces, and treats the number as the same person as without them', async () => {
    const phone = newPhone();
    const address = newAddress();
    const spaced = `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
    const code = await codeFor(spaced, address);

    // Stored under the bare 11-digit number.
    const rows = await otpRows(phone);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.phone).toBe(phone);

    // The bare number is the same phone: the one-a-minute limit already holds it ...
    const again = await requestCode(phone, address);
    expect(again.status).toBe(429);

    // ... and the code sent to "+86 …" signs in the bare number, as the same person.
    const verified = await verify(phone, code, address);
    expect(verified.status).toBe(200);
    const { person } = await verified.json();
    const stored = await env.DB.prepare('SELECT id FROM people WHERE phone = ?').bind(phone).first<{ id: string }>();
    expect(stored?.id).toBe(person.id);

    await ageCodes(phone);
    const secondCode = await codeFor(`+86${phone}`, address);
    const second = await verify(`+86 ${phone}`, secondCode, address);
    expect(second.status).toBe(200);
    expect((await second.json()).person.id).toBe(person.id);
    const count = await env.DB.prepare('SELECT count(*) AS n FROM people WHERE phone LIKE ?')
      .bind(`%${phone}`)
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
  });

  it('leaves devCode out when EXPOSE_DEV_OTP is not "true"', async () => {
    // Such a Worker texts through its SMS bridge (here one that accepts everything).
    const bridgeCalls = vi
      .spyOn(globalThis, 'fetch')
      .mockImplementation(async () => new Response(null, { status: 200 }));
    const bridge = { SMS_WEBHOOK_URL: 'https://sms-bridge.example/send', SMS_WEBHOOK_SECRET: 'shared-secret' };
    for (const value of [undefined, 'false', '1']) {
      const phone = newPhone();
      const response = await fetchWithEnv({ EXPOSE_DEV_OTP: value, ...bridge }, '/api/auth/otp', {
        method: 'POST',
        body: JSON.stringify({ phone }),
      });
      expect(response.status).toBe(202);
      const body = (await response.json()) as OtpBody;
      expect(body).toMatchObject({ sent: true, expiresIn: 300 });
      expect(body).not.toHaveProperty('devCode');
      // A code was still issued and stored.
      expect(await otpRows(phone)).toHaveLength(1);
    }
    // The text is signed like every other (【…】), which Chinese carriers require.
    const sent = JSON.parse(String(bridgeCalls.mock.calls[0]![1]!.body)) as { text: string };
    expect(sent.text).toMatch(/^【生命线】您的验证码是 \d{6}，5 分钟内有效。/);
  });

  it('stores the code hashed: no column holds the plain code', async () => {
    const phone = newPhone();
    const code = await codeFor(phone, newAddress());
    const row = (await env.DB.prepare('SELECT * FROM otp_codes WHERE phone = ?')
      .bind(phone)
      .first<Record<string, unknown>>())!;
    expect(row).not.toBeNull();
    for (const [column, value] of Object.entries(row)) {
      expect(String(value), column).not.toBe(code);
      if (typeof value === 'string') expect(value, column).not.toContain(code);
    }
    // A SHA-256 digest, not something short enough to be the code in another form.
    expect(String(row.code_hash).length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a phone number that is not an 11-digit mainland mobile with validation_failed on phone', async () => {
    for (const phone of [
      '12345',
      '23800138000',
      '1380013800',
      '138001380001',
      '+1 2025550123',
      'abcdefghijk',
      '',
      '1'.repeat(40),
    ]) {
      const response = await requestCode(phone, newAddress());
      expect(response.status, phone).toBe(400);
      const error = await errorOf(response);
      expect(error.code, phone).toBe('validation_failed');
      expect(error.issues?.[0]?.path, phone).toBe('phone');
      expect(error.issues?.[0]?.message, phone).toEqual(expect.any(String));
    }
  });

  it('refuses a missing or non-string phone with validation_failed on phone', async () => {
    for (const body of [{}, { phone: 13800138000 }, { phone: null }, { mobile: '13800138000' }]) {
      const response = await call('/api/auth/otp', { body, address: newAddress() });
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('validation_failed');
      expect(error.issues?.[0]?.path).toBe('phone');
    }
  });

  it('issues no code for a refused request', async () => {
    const phone = newPhone();
    const response = await requestCode(`${phone}9`, newAddress());
    expect(response.status).toBe(400);
    expect(await otpRows(phone)).toHaveLength(0);
    expect(await otpRows(`${phone}9`)).toHaveLength(0);
  });

  it('answers invalid_json for a missing body, malformed JSON or a non-JSON content type', async () => {
    const cases: { name: string; body?: string; contentType?: string }[] = [
      { name: 'no body, no content type' },
      { name: 'empty JSON body', body: '', contentType: 'application/json' },
      { name: 'malformed JSON', body: '{"phone": "13800138000"', contentType: 'application/json' },
      { name: 'text/plain', body: JSON.stringify({ phone: newPhone() }), contentType: 'text/plain' },
      { name: 'form', body: `phone=${newPhone()}`, contentType: 'application/x-www-form-urlencoded' },
    ];
    for (const { name, body, contentType } of cases) {
      const headers: Record<string, string> = { 'cf-connecting-ip': newAddress() };
      if (contentType) headers['content-type'] = contentType;
      const request = new Request(`${BASE}/api/auth/otp`, {
        method: 'POST',
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      const response = await app.fetch(request, env, createExecutionContext());
      expect(response.status, name).toBe(400);
      const error = await errorOf(response);
      expect(error.code, name).toBe('invalid_json');
      expect(error.message, name).toMatch(CJK);
    }
  });

  it('answers validation_failed (path body) for JSON that is not an object', async () => {
    for (const body of ['null', '[]', '"13800138000"', '42']) {
      const response = await call('/api/auth/otp', { body, address: newAddress() });
      expect(response.status, body).toBe(400);
      const error = await errorOf(response);
      expect(error.code, body).toBe('validation_failed');
      expect(error.issues?.length, body).toBeGreaterThan(0);
    }
  });

  it('accepts a JSON content type with a charset', async () => {
    const response = await call('/api/auth/otp', {
      body: { phone: newPhone() },
      address: newAddress(),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(response.status).toBe(202);
  });

  it('writes messages in Chinese by default and in English with Accept-Language: en', async () => {
    const chinese = await errorOf(await requestCode('123', newAddress()));
    expect(chinese.message).toMatch(CJK);
    expect(chinese.issues?.[0]?.message).toMatch(CJK);

    for (const language of ['en', 'en-US,en;q=0.9', 'en-GB']) {
      const english = await errorOf(await requestCode('123', newAddress(), { 'accept-language': language }));
      expect(english.code, language).toBe('validation_failed');
      expect(english.message, language).not.toMatch(CJK);
      expect(english.message, language).toMatch(/[a-z]/i);
      expect(english.issues?.[0]?.path, language).toBe('phone');
      expect(english.issues?.[0]?.message, language).not.toMatch(CJK);
      expect(english.issues?.[0]?.message, language).toMatch(/[a-z]/i);
    }

    const zh = await errorOf(await requestCode('123', newAddress(), { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' }));
    expect(zh.message).toBe(chinese.message);
  });

  it('refuses a second code within a minute with 429 rate_limited and Retry-After 1..60, keeping the first code', async () => {
    const phone = newPhone();
    const address = newAddress();
    const code = await codeFor(phone, address);

    const second = await requestCode(phone, address);
    expect(second.status).toBe(429);
    expect((await errorOf(second)).code).toBe('rate_limited');
    const retryAfter = retryAfterOf(second);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Also from another address: the limit is per phone.
    const elsewhere = await requestCode(phone, newAddress());
    expect(elsewhere.status).toBe(429);

    expect(await otpRows(phone)).toHaveLength(1);
    expect((await verify(phone, code, address)).status).toBe(200);
  });

  it('issues exactly one code to ten concurrent requests for one phone', async () => {
    const phone = newPhone();
    const address = newAddress();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetchWithEnv({}, '/api/auth/otp', { method: 'POST', body: JSON.stringify({ phone }), address }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([202, ...Array(9).fill(429)]);
    expect(await otpRows(phone)).toHaveLength(1);
  });

  it('writes the 429 message in the request language', async () => {
    const phone = newPhone();
    const address = newAddress();
    await codeFor(phone, address);
    const english = await errorOf(await requestCode(phone, address, { 'accept-language': 'en' }));
    expect(english.code).toBe('rate_limited');
    expect(english.message).not.toMatch(CJK);
    const chinese = await errorOf(await requestCode(phone, address));
    expect(chinese.message).toMatch(CJK);
  });

  it('issues a new code once the last one is more than a minute old, and only the newest code counts', async () => {
    const phone = newPhone();
    const address = newAddress();
    const first = await codeFor(phone, address);
    await ageCodes(phone, MINUTE + 1000);
    const second = await codeFor(phone, address);
    expect(await otpRows(phone)).toHaveLength(2);

    if (first !== second) {
      const old = await verify(phone, first, address);
      expect(old.status).toBe(400);
      expect((await errorOf(old)).code).toBe('invalid_code');
    }
    expect((await verify(phone, second, address)).status).toBe(200);
  });

  describe('ten codes an hour per phone', () => {
    const insertCodes = async (phone: string, ages: number[]) => {
      const now = Date.now();
      for (const age of ages) {
        await env.DB.prepare(
          'INSERT INTO otp_codes (id, phone, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        )
          .bind(crypto.randomUUID(), phone, 'not-a-real-hash', now - age, now - age + 300_000)
          .run();
      }
    };
    // Ten codes between 50 and 5 minutes ago.
    const tenAges = Array.from({ length: 10 }, (_, i) => 50 * MINUTE - i * 5 * MINUTE);

    it('refuses the eleventh with 429 rate_limited and a Retry-After until the oldest leaves the hour', async () => {
      const phone = newPhone();
      await insertCodes(phone, tenAges);
      const response = await requestCode(phone, newAddress());
      expect(response.status).toBe(429);
      expect((await errorOf(response)).code).toBe('rate_limited');
      const retryAfter = retryAfterOf(response);
      // The oldest code is 50 minutes old: it leaves the hour in about 10 minutes.
      expect(retryAfter).toBeGreaterThanOrEqual(10 * 60 - 15);
      expect(retryAfter).toBeLessThanOrEqual(10 * 60 + 1);
      expect(await otpRows(phone)).toHaveLength(10);
    });

    it('still issues the tenth code of the hour', async () => {
      const phone = newPhone();
      await insertCodes(phone, tenAges.slice(0, 9));
      expect((await requestCode(phone, newAddress())).status).toBe(202);
    });

    it('does not count codes older than an hour', async () => {
      const phone = newPhone();
      await insertCodes(phone, [HOUR + MINUTE, ...tenAges.slice(1)]);
      expect((await requestCode(phone, newAddress())).status).toBe(202);
    });

    it('gives a Retry-After that covers the hour limit when the minute limit also holds', async () => {
      // Nine older codes and one just issued: after the minute passes, the hour limit still refuses,
      // so a Retry-After of at most 60 seconds would send the person back too early.
      const phone = newPhone();
      const address = newAddress();
      await insertCodes(phone, tenAges.slice(0, 9));
      await codeFor(phone, address);
      const response = await requestCode(phone, address);
      expect(response.status).toBe(429);
      // The oldest code is 50 minutes old: no code can be issued for about 10 minutes.
      expect(retryAfterOf(response)).toBeGreaterThanOrEqual(10 * 60 - 15);
      expect(retryAfterOf(response)).toBeLessThanOrEqual(10 * 60 + 1);
    });
  });

  it('limits one address to 60 codes in ten minutes, across different phones', { timeout: 60_000 }, async () => {
    inAFreshWindow(600);
    const address = newAddress();
    const phones = Array.from({ length: 60 }, () => newPhone());
    const responses = await Promise.all(phones.map((phone) => requestCode(phone, address)));
    expect(responses.map((response) => response.status)).toEqual(Array(60).fill(202));

    const phone = newPhone();
    const blocked = await requestCode(phone, address);
    expect(blocked.status).toBe(429);
    expect((await errorOf(blocked)).code).toBe('rate_limited');
    const retryAfter = retryAfterOf(blocked);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(await otpRows(phone)).toHaveLength(0);

    // Another address is not affected.
    expect((await requestCode(phone, newAddress())).status).toBe(202);
  });

  it('answers 503 unavailable with Retry-After when the SMS webhook cannot be reached, and withdraws the code', async () => {
    const phone = newPhone();
    const address = newAddress();
    const response = await fetchWithEnv(
      { SMS_WEBHOOK_URL: 'http://127.0.0.1:9/', SMS_WEBHOOK_SECRET: 'test-secret' },
      '/api/auth/otp',
      { method: 'POST', body: JSON.stringify({ phone }), address },
    );
    expect(response.status).toBe(503);
    const error = await errorOf(response);
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(CJK);
    expect(retryAfterOf(response)).toBeGreaterThanOrEqual(1);
    expect(await otpRows(phone)).toHaveLength(0);

    // The person may ask again at once.
    const again = await requestCode(phone, address);
    expect(again.status).toBe(202);
  });

  it('answers 503 when the SMS webhook refuses the message, and withdraws the code', async () => {
    const phone = newPhone();
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('no', { status: 500 }));
    const response = await fetchWithEnv(
      { SMS_WEBHOOK_URL: 'https://sms.example/send', SMS_WEBHOOK_SECRET: 'test-secret' },
      '/api/auth/otp',
      { method: 'POST', body: JSON.stringify({ phone }) },
    );
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(response.status).toBe(503);
    expect((await errorOf(response)).code).toBe('unavailable');
    expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(await otpRows(phone)).toHaveLength(0);
  });

  it('sends the code to the webhook signed, in the request language', async () => {
    const secret = 'webhook-secret';
    const sent: { url: string; headers: Headers; body: string }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      sent.push({ url: request.url, headers: request.headers, body: await request.text() });
      return new Response(null, { status: 204 });
    });
    const webhook = { SMS_WEBHOOK_URL: 'https://sms.example/send', SMS_WEBHOOK_SECRET: secret };

    const phone = newPhone();
    const zh = await fetchWithEnv(webhook, '/api/auth/otp', {
      method: 'POST',
      body: JSON.stringify({ phone: `+86 ${phone}` }),
    });
    expect(zh.status).toBe(202);
    const { devCode } = (await zh.json()) as OtpBody;
    expect(sent).toHaveLength(1);
    const message = sent[0]!;
    expect(message.url).toBe('https://sms.example/send');
    const payload = JSON.parse(message.body) as { to: string; text: string };
    expect(payload.to).toBe(phone);
    expect(payload.text).toContain(devCode);
    expect(payload.text).toMatch(CJK);

    // X-Lifeline-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">
    const timestamp = message.headers.get('x-lifeline-timestamp')!;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const mac = new Uint8Array(
      await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${timestamp}.${message.body}`)),
    );
    const hex = Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
    expect(message.headers.get('x-lifeline-signature')).toBe(`sha256=${hex}`);

    const en = await fetchWithEnv(webhook, '/api/auth/otp', {
      method: 'POST',
      body: JSON.stringify({ phone: newPhone() }),
      headers: { 'accept-language': 'en' },
    });
    expect(en.status).toBe(202);
    const enCode = ((await en.json()) as OtpBody).devCode!;
    const enText = (JSON.parse(sent[1]!.body) as { text: string }).text;
    expect(enText).toContain(enCode);
    expect(enText).not.toMatch(CJK);
  });

  it('answers 500 internal in the contract shape when the database fails, without leaking details', async () => {
    const brokenDb = {
      prepare() {
        throw new Error('D1 exploded: secret detail');
      },
      batch() {
        throw new Error('D1 exploded: secret detail');
      },
      exec() {
        throw new Error('D1 exploded: secret detail');
      },
    } as unknown as D1Database;
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await fetchWithEnv({ DB: brokenDb }, '/api/auth/otp', {
      method: 'POST',
      body: JSON.stringify({ phone: newPhone() }),
    });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secret detail');
    const { error } = JSON.parse(text) as { error: { code: string; message: string } };
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(CJK);
  });
});

describe('POST /api/auth/verify', () => {
  it('signs in with the right code: 200, the person with a masked phone, and an HttpOnly Lax session cookie', async () => {
    const phone = newPhone();
    const address = newAddress();
    const code = await codeFor(phone, address);
    const response = await verify(phone, code, address);
    expect(response.status).toBe(200);

    const text = await response.text();
    expect(text).not.toContain(phone);
    const { person } = JSON.parse(text) as VerifyBody;
    expect(person.id).toEqual(expect.any(String));
    expect(person.id.length).toBeGreaterThan(0);
    expect(person.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(person.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);

    const stored = await env.DB.prepare('SELECT id, phone FROM people WHERE id = ?')
      .bind(person.id)
      .first<{ id: string; phone: string }>();
    expect(stored?.phone).toBe(phone);

    const cookie = setCookieLine(response, 'lifeline_session');
    expect(cookie.value.length).toBeGreaterThanOrEqual(32);
    expect(cookie.attributes).toContain('httponly');
    expect(cookie.attributes).toContain('samesite=lax');
    expect(cookie.attributes).toContain('path=/');
    expect(cookie.attributes.some((attribute) => attribute === 'secure')).toBe(false);
    expect(cookie.attributes.some((attribute) => attribute.startsWith('domain='))).toBe(false);
    const maxAge = cookie.attributes.find((attribute) => attribute.startsWith('max-age='));
    if (maxAge) expect(Number(maxAge.slice('max-age='.length))).toBeGreaterThan(0);
    expect(response.headers.getSetCookie().some((line) => line.startsWith('__Host-'))).toBe(false);

    // The token itself is not stored: only a digest of it.
    const raw = await env.DB.prepare('SELECT count(*) AS n FROM logins WHERE token_hash = ?')
      .bind(cookie.value)
      .first<{ n: number }>();
    expect(raw?.n).toBe(0);
    expect(await sessionCount(person.id)).toBe(1);

    // The cookie is a working session.
    const mine = await me(cookie.pair);
    expect(mine.status).toBe(200);
    expect((await mine.json()).person.id).toBe(person.id);
  });

  it('over https names the cookie __Host-lifeline_session and marks it Secure', async () => {
    const https = 'https://lifeline.test';
    const phone = newPhone();
    const address = newAddress();
    const code = await codeFor(phone, address);
    const response = await verify(phone, code, address, { origin: https });
    expect(response.status).toBe(200);
    const { person } = await response.json();

    const cookie = setCookieLine(response, '__Host-lifeline_session');
    expect(cookie.attributes).toContain('secure');
    expect(cookie.attributes).toContain('httponly');
    expect(cookie.attributes).toContain('samesite=lax');
    expect(cookie.attributes).toContain('path=/');
    expect(cookie.attributes.some((attribute) => attribute.startsWith('domain='))).toBe(false);
    expect(response.headers.getSetCookie().some((line) => line.startsWith('lifeline_session='))).toBe(false);

    const mine = await me(cookie.pair, https);
    expect(mine.status).toBe(200);
    expect((await mine.json()).person.id).toBe(person.id);

    // Logging out over https clears the same cookie and ends the session.
    const out = await logout(cookie.pair, { origin: https, address });
    expect(out.status).toBe(204);
    const cleared = setCookieLine(out, '__Host-lifeline_session');
    expect(cleared.attributes).toContain('secure');
    expect(cleared.attributes).toContain('path=/');
    expect((await me(cookie.pair, https)).status).toBe(401);
    expect(await sessionCount(person.id)).toBe(0);
  });

  it('answers 400 invalid_code for a wrong code, and the right code still works afterwards', async () => {
    const phone = newPhone();
    const address = newAddress();
    const code = await codeFor(phone, address);
    const wrong = await verify(phone, wrongCode(code), address);
    expect(wrong.status).toBe(400);
    const error = await errorOf(wrong);
    expect(error.code).toBe('invalid_code');
    expect(error.message).toMatch(CJK);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    expect((await otpRows(phone))[0]!.failed_attempts).toBe(1);

    const right = await verify(phone, code, address);
    expect(right.status).toBe(200);
  });

  it('allows four wrong codes; the fifth kills the code (code_expired), and then even the right code is refused', async () => {
    const phone = newPhone();
    const address = newAddress();
    const code = await codeFor(phone, address);
    const wrong = wrongCode(code);
    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await verify(phone, wrong, address);
      expect(response.status, `attempt ${attempt}`).toBe(400);
      expect((await errorOf(response)).code, `attempt ${attempt}`).toBe('invalid_code');
    }
    const fifth = await verify(phone, wrong, address);
    expect(fifth.status).toBe(400);
    expect((await errorOf(fifth)).code).toBe('code_expired');

    const right = await verify(phone, code, address);
    expect(right.status).toBe(400);
    expect((await errorOf(right)).code).toBe('code_expired');
    expect(right.headers.getSetCookie()).toEqual([]);
    expect(
      await env.DB.prepare('SELECT count(*) AS n FROM people WHERE phone = ?').bind(phone).first<{ n: number }>(),
    ).toEqual({ n: 0 });
  });

  it('accepts the right code after four wrong ones', async () => {
    const phone = newPhone();
    const address = newAddress();
    const code = await codeFor(phone, address);
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await verify(phone, wrongCode(code), address)).status).toBe(400);
    }
    expect((await verify(phone, code, address)).status).toBe(200);
  });

  it('refuses an expired code with code_expired', async () => {
    const phone = newPhone();
    const address = newAddress();
    const code = await codeFor(phone, address);
    await env.DB.prepare('UPDATE otp_codes SET expires_at = ? WHERE phone = ?')
      .bind(Date.now() - 1000, phone)
      .run();
    const response = await verify(phone, code, address);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('code_expired');
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('answers code_expired when no code was ever asked for', async () => {
    const response = await verify(newPhone(), '123456', newAddress());
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('code_expired');
  });

  it('lets a code be used once only', async () => {
    const phone = newPhone();
    const address = newAddress();
    const code = await codeFor(phone, address);
    expect((await verify(phone, code, address)).status).toBe(200);
    const again = await verify(phone, code, address);
    expect(again.status).toBe(400);
    expect((await errorOf(again)).code).toBe('code_expired');
    expect(again.headers.getSetCookie()).toEqual([]);
    expect((await otpRows(phone))[0]!.used_at).not.toBeNull();
  });

  it('gives exactly one session to ten concurrent verifies with the right code', async () => {
    const phone = newPhone();
    const address = newAddress();
    const code = await codeFor(phone, address);
    // app.fetch in this isolate lets the ten requests interleave at every D1 call (through
    // exports.default.fetch they are served one after another, which would hide a race).
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetchWithEnv({}, '/api/auth/verify', { method: 'POST', body: JSON.stringify({ phone, code }), address }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 400)).toHaveLength(9);
    for (const response of responses.filter((r) => r.status === 400)) {
      expect((await errorOf(response)).code).toBe('code_expired');
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    const winner = responses.find((response) => response.status === 200)!;
    const { person } = (await winner.json()) as VerifyBody;
    expect(await sessionCount(person.id)).toBe(1);
  });

  it('counts concurrent wrong codes exactly: the code dies after five, whatever the interleaving', async () => {
    const phone = newPhone();
    const address = newAddress();
    const code = await codeFor(phone, address);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetchWithEnv({}, '/api/auth/verify', {
          method: 'POST',
          body: JSON.stringify({ phone, code: wrongCode(code) }),
          address,
        }),
      ),
    );
    const codes = await Promise.all(responses.map(async (response) => (await errorOf(response)).code));
    expect(codes.filter((c) => c === 'invalid_code')).toHaveLength(4);
    expect(codes.filter((c) => c === 'code_expired')).toHaveLength(6);
    expect((await otpRows(phone))[0]!.failed_attempts).toBe(5);
    expect((await errorOf(await verify(phone, code, address))).code).toBe('code_expired');
  });

  it('gives the same person id when the same phone signs in twice', async () => {
    const phone = newPhone();
    const first = await signInCitizen(phone);
    await ageCodes(phone);
    const second = await signInCitizen(phone);
    expect(second.personId).toBe(first.personId);
    expect(second.cookie).not.toBe(first.cookie);
    const people = await env.DB.prepare('SELECT count(*) AS n FROM people WHERE phone = ?')
      .bind(phone)
      .first<{ n: number }>();
    expect(people?.n).toBe(1);
    // Two browsers, two sessions: signing in elsewhere does not sign the first one out.
    expect((await me(first.cookie)).status).toBe(200);
    expect((await me(second.cookie)).status).toBe(200);
  });

  it('gives different phones different people', async () => {
    const a = await signInCitizen();
    const b = await signInCitizen();
    expect(a.personId).not.toBe(b.personId);
  });

  it('ends the old session when signing in again while holding a session cookie', async () => {
    const phone = newPhone();
    const address = newAddress();
    const first = await signInCitizen(phone);
    expect((await me(first.cookie)).status).toBe(200);

    await ageCodes(phone);
    const code = await codeFor(phone, address);
    const response = await verify(phone, code, address, { cookie: first.cookie });
    expect(response.status).toBe(200);
    const cookie = cookieFrom(response);
    expect(cookie).not.toBe(first.cookie);

    const old = await me(first.cookie);
    expect(old.status).toBe(401);
    expect((await errorOf(old)).code).toBe('unauthenticated');
    expect((await me(cookie)).status).toBe(200);
    expect(await sessionCount(first.personId)).toBe(1);
  });

  it('ends the old session also when another phone signs in on the same browser', async () => {
    const first = await signInCitizen();
    const phone = newPhone();
    const address = newAddress();
    const code = await codeFor(phone, address);
    const response = await verify(phone, code, address, { cookie: first.cookie });
    expect(response.status).toBe(200);
    expect((await me(first.cookie)).status).toBe(401);
    expect(await sessionCount(first.personId)).toBe(0);
  });

  it('returns the name once the person has one', async () => {
    const phone = newPhone();
    const first = await signInCitizen(phone);
    const patched = await testClient({ cookie: first.cookie }).me.$patch({ json: { name: '李四' } });
    expect(patched.status).toBe(200);
    await ageCodes(phone);
    const address = newAddress();
    const code = await codeFor(phone, address);
    const response = await verify(phone, code, address);
    expect((await response.json()).person).toMatchObject({ id: first.personId, name: '李四' });
  });

  it('refuses malformed input with validation_failed naming the field', async () => {
    const address = newAddress();
    const refused = async (response: AnyResponse, body: unknown, path: string) => {
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = await errorOf(response);
      expect(error.code, JSON.stringify(body)).toBe('validation_failed');
      expect(
        error.issues?.map((issue) => issue.path),
        JSON.stringify(body),
      ).toContain(path);
    };
    for (const [phone, code, path] of [
      [newPhone(), '12345', 'code'],
      [newPhone(), '1234567', 'code'],
      [newPhone(), 'abcdef', 'code'],
      ['123', '123456', 'phone'],
    ] as const) {
      await refused(await verify(phone, code, address), { phone, code }, path);
    }
    // call(): a code of the wrong type, and a field missing.
    for (const [body, path] of [
      [{ phone: newPhone(), code: 123456 }, 'code'],
      [{ phone: newPhone() }, 'code'],
      [{ code: '123456' }, 'phone'],
    ] as const) {
      await refused(await call('/api/auth/verify', { body, address }), body, path);
    }
    const notJson = await call('/api/auth/verify', {
      body: 'phone=1&code=2',
      address,
      headers: { 'content-type': 'text/plain' },
    });
    expect(notJson.status).toBe(400);
    expect((await errorOf(notJson)).code).toBe('invalid_json');
  });

  it('does not count a malformed code as a wrong attempt', async () => {
    const phone = newPhone();
    const address = newAddress();
    const code = await codeFor(phone, address);
    for (let i = 0; i < 6; i++) expect((await verify(phone, '12', address)).status).toBe(400);
    expect((await otpRows(phone))[0]!.failed_attempts).toBe(0);
    expect((await verify(phone, code, address)).status).toBe(200);
  });

  it('limits one address to 120 checks in ten minutes', { timeout: 60_000 }, async () => {
    inAFreshWindow(600);
    const address = newAddress();
    const responses = await Promise.all(Array.from({ length: 120 }, () => verify(newPhone(), '000000', address)));
    // As numbers: the typed answer's status is the route's 200 only, not the refusals it throws.
    const statuses: number[] = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 400)).toBe(true);
    const blocked = await verify(newPhone(), '000000', address);
    expect(blocked.status).toBe(429);
    expect((await errorOf(blocked)).code).toBe('rate_limited');
    expect(retryAfterOf(blocked)).toBeGreaterThanOrEqual(1);
    expect(retryAfterOf(blocked)).toBeLessThanOrEqual(600);

    // The limit holds even for the right code from that address, and does not touch other addresses.
    const phone = newPhone();
    const other = newAddress();
    const code = await codeFor(phone, other);
    expect((await verify(phone, code, address)).status).toBe(429);
    expect((await verify(phone, code, other)).status).toBe(200);
  });
});

describe('POST /api/auth/logout', () => {
  it('answers 204, ends the session in D1 and clears the cookie', async () => {
    const { cookie, personId } = await signInCitizen();
    expect(await sessionCount(personId)).toBe(1);

    const response = await logout(cookie);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    const cleared = setCookieLine(response, 'lifeline_session');
    expect(cleared.value).toBe('');
    expect(cleared.attributes.some((attribute) => attribute === 'max-age=0' || attribute.startsWith('expires='))).toBe(
      true,
    );

    expect(await sessionCount(personId)).toBe(0);
    const after = await me(cookie);
    expect(after.status).toBe(401);
    expect((await errorOf(after)).code).toBe('unauthenticated');
  });

  it('ends only this browser’s session', async () => {
    const phone = newPhone();
    const first = await signInCitizen(phone);
    await ageCodes(phone);
    const second = await signInCitizen(phone);
    expect((await logout(first.cookie)).status).toBe(204);
    expect((await me(first.cookie)).status).toBe(401);
    expect((await me(second.cookie)).status).toBe(200);
    expect(await sessionCount(first.personId)).toBe(1);
  });

  it('answers 204 without a session, and with an unknown session token', async () => {
    const none = await logout(undefined);
    expect(none.status).toBe(204);
    const unknown = await logout('lifeline_session=not-a-session');
    expect(unknown.status).toBe(204);
  });

  it('answers 204 when logging out twice', async () => {
    const { cookie } = await signInCitizen();
    expect((await logout(cookie)).status).toBe(204);
    expect((await logout(cookie)).status).toBe(204);
  });
});
