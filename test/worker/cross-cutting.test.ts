import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { Hono } from 'hono';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { answerError, app } from '../../worker/app.ts';
import { describeForLog } from '../../worker/lib/errors.ts';
import type { AppEnv } from '../../worker/env.ts';
import { BASE, call, errorOf, testClient } from './helpers.ts';

describe('errors', () => {
  it('answers unknown API paths with a JSON 404 in the contract shape', async () => {
    const response = await call('/api/no/such/thing');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: '未找到请求的内容。' } });
  });

  it('follows Accept-Language: English when asked, Chinese by default and for other languages', async () => {
    const message = async (language?: string) =>
      (await errorOf(await call('/api/nowhere', { headers: language ? { 'accept-language': language } : {} }))).message;
    expect(await message('en-US,en;q=0.9')).toBe('Not found.');
    expect(await message('zh-CN,zh;q=0.9')).toBe('未找到请求的内容。');
    expect(await message('fr')).toBe('未找到请求的内容。');
    expect(await message()).toBe('未找到请求的内容。');
  });

  it('answers a body that is not JSON with 400 invalid_json', async () => {
    for (const [body, contentType] of [
      ['{"phone":', 'application/json'],
      ['\u0000\uFFFF garbage', 'application/json'],
      ['phone=13800138000', 'application/x-www-form-urlencoded'],
      ['{"phone":"13800138000"}', 'text/plain'],
    ]) {
      const response = await call('/api/auth/otp', { body, headers: { 'content-type': contentType! } });
      expect(response.status, body).toBe(400);
      expect((await errorOf(response)).code).toBe('invalid_json');
    }
  });

  it('answers a JSON body that is not an object with validation_failed', async () => {
    for (const body of ['[]', '"13800138000"', 'null', '42']) {
      const response = await call('/api/auth/otp', { body });
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe('validation_failed');
    }
  });

  it('refuses bodies over 64 KB with 413', async () => {
    // call(): a field the typed client would not send.
    const response = await call('/api/auth/otp', { body: { phone: '13800138000', padding: 'x'.repeat(70_000) } });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('payload_too_large');
  });

  it("answers Hono's own HTTPExceptions in the contract shape, whatever their status", async () => {
    const throwing = new Hono<AppEnv>()
      .get('/:status', (c) => {
        throw new HTTPException(Number(c.req.param('status')) as ContentfulStatusCode, { message: 'inner detail' });
      })
      .onError(answerError);
    // The tiny app has no language detection: the messages are the default, Chinese.
    const answer = async (status: number) => {
      const response = await throwing.request(`/${status}`);
      return [response.status, await response.json()];
    };
    expect(await answer(401)).toEqual([401, { error: { code: 'unauthenticated', message: '请先登录。' } }]);
    expect(await answer(413)).toEqual([413, { error: { code: 'payload_too_large', message: '请求内容过大。' } }]);
    expect(await answer(418)).toEqual([418, { error: { code: 'bad_request', message: '无法处理此请求。' } }]);
    expect(await answer(504)).toEqual([504, { error: { code: 'internal', message: '服务器出错了，请稍后重试。' } }]);
  });

  it('hides what went wrong inside: 500 internal with a request id and no detail', async () => {
    const brokenDb = {
      prepare() {
        throw new Error('D1_ERROR: secret table detail');
      },
    } as unknown as D1Database;
    const response = await app.fetch(
      new Request(`${BASE}/api/campaigns`),
      { ...env, DB: brokenDb },
      createExecutionContext(),
    );
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secret');
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: '服务器出错了，请稍后重试。' } });
    expect(response.headers.get('x-request-id')).toMatch(/.+/);
  });
});

describe('logs of unexpected errors', () => {
  it("keep the failed query's values (a phone here) out of the log", async () => {
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args) => void logged.push(args));
    // The real D1, except that the statement carrying the phone fails.
    const fail = () => Promise.reject(new Error('D1_ERROR: no such table: otp_codes: SQLITE_ERROR'));
    const broken = {
      prepare: (query: string) => ({
        bind: (...values: unknown[]) =>
          values.includes('13612345678')
            ? { run: fail, all: fail, raw: fail, first: fail }
            : env.DB.prepare(query).bind(...values),
      }),
      batch: (statements: D1PreparedStatement[]) => env.DB.batch(statements),
    } as unknown as D1Database;
    try {
      const response = await app.fetch(
        new Request(`${BASE}/api/auth/otp`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"phone":"13612345678"}',
        }),
        { ...env, DB: broken, EXPOSE_DEV_OTP: 'true' },
        createExecutionContext(),
      );
      expect(response.status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    const text = JSON.stringify(logged);
    expect(text).toContain('no such table');
    expect(text).not.toContain('13612345678');
  });

  it("leave out the message of drizzle's wrapper when it has no cause to tell instead: it quotes the values", () => {
    const failed = new DrizzleQueryError('insert into "people" ("phone") values (?)', ['13612345678']);
    expect(JSON.stringify(describeForLog(failed))).not.toContain('13612345678');
    const withCause = new DrizzleQueryError('select 1', ['13612345678'], new Error('D1_ERROR: no such table: people'));
    expect(describeForLog(withCause)).toEqual({
      names: ['Error', 'Error'],
      message: 'D1_ERROR: no such table: people',
    });
  });
});

describe('when D1 is down or overloaded', () => {
  const failing = (message: string) =>
    ({
      prepare: () => ({
        bind: () => ({ all: () => Promise.reject(new Error(message)), raw: () => Promise.reject(new Error(message)) }),
      }),
      // Public reads go through a read replica (`withSession`): the same failing database.
      withSession() {
        return this;
      },
    }) as unknown as D1Database;

  for (const message of [
    'D1_ERROR: D1 DB is overloaded. Too many requests queued.',
    'Network connection lost.',
    'D1_ERROR: storage operation exceeded timeout',
  ]) {
    it(`answers 503 unavailable with Retry-After for "${message}"`, async () => {
      const response = await app.fetch(
        new Request(`${BASE}/api/campaigns`),
        { ...env, DB: failing(message) },
        createExecutionContext(),
      );
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(await response.json()).toEqual({ error: { code: 'unavailable', message: '服务繁忙，请稍后重试。' } });
    });
  }

  it('still answers 500 for a broken constraint, which is a bug to fix rather than to retry', async () => {
    const response = await app.fetch(
      new Request(`${BASE}/api/campaigns`),
      { ...env, DB: failing('D1_ERROR: UNIQUE constraint failed: people.phone: SQLITE_CONSTRAINT') },
      createExecutionContext(),
    );
    expect(response.status).toBe(500);
  });
});

describe('cross-site requests', () => {
  const otp = (headers: Record<string, string>) =>
    testClient({ headers }).auth.otp.$post({ json: { phone: '13700137000' } });

  it('refuses state-changing requests from another origin, JSON included', async () => {
    for (const headers of [
      { origin: 'https://evil.example' } as Record<string, string>,
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'https://sub.lifeline.test' },
    ]) {
      const response = await otp(headers);
      expect(response.status).toBe(403);
      expect((await errorOf(response)).code).toBe('forbidden');
    }
    const count = await env.DB.prepare("SELECT count(*) AS n FROM otp_codes WHERE phone = '13700137000'").first<{
      n: number;
    }>();
    expect(count?.n).toBe(0);
  });

  it('lets the same origin and non-browser clients through', async () => {
    expect((await otp({ origin: BASE, 'sec-fetch-site': 'same-origin' })).status).toBe(202);
  });

  it('leaves reads alone', async () => {
    const response = await testClient({
      headers: { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' },
    }).campaigns.$get({ query: {} });
    expect(response.status).toBe(200);
  });
});

describe('headers', () => {
  it("sets Hono's secure headers and a request id", async () => {
    const response = await testClient().health.$get();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(response.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
  });
});

describe('GET /api/health', () => {
  it('answers 503 unavailable with Retry-After when D1 does not answer', async () => {
    const down = { prepare: () => ({ first: () => Promise.reject(new Error('D1 down')) }) } as unknown as D1Database;
    const response = await app.fetch(new Request(`${BASE}/api/health`), { ...env, DB: down }, createExecutionContext());
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect((await errorOf(response)).code).toBe('unavailable');
  });
});
