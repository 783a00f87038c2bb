// The per-request JSON log line of the deployed environments (LOG_REQUESTS = "true").
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { app } from '../../worker/app.ts';
import { BASE } from './helpers.ts';

afterEach(() => vi.restoreAllMocks());

async function logged(path: string, init: RequestInit, logRequests: string | undefined) {
  const lines = vi.spyOn(console, 'log').mockImplementation(() => {});
  const response = await app.fetch(
    new Request(BASE + path, { ...init, headers: { 'cf-connecting-ip': '192.0.2.77', ...init.headers } }),
    { ...env, LOG_REQUESTS: logRequests },
    createExecutionContext(),
  );
  const requests = lines.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('"event":"request"'));
  return { response, requests };
}

describe('request log', () => {
  it('writes one line per request with the request id, the declared route, the status and the time; no ids, query or body', async () => {
    const slotId = crypto.randomUUID();
    const { response, requests } = await logged(
      `/api/slots/${slotId}/registrations?utm=13800138000`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: '张三', idNumber: '371502199001011230' }),
      },
      'true',
    );
    expect(response.status).toBe(401);
    expect(requests).toHaveLength(1);
    const line = JSON.parse(requests[0]!);
    expect(line).toEqual({
      event: 'request',
      requestId: response.headers.get('x-request-id'),
      method: 'POST',
      route: '/api/slots/:slotId/registrations',
      status: 401,
      ms: expect.any(Number),
    });
    for (const secret of [slotId, '13800138000', '张三', '371502199001011230'])
      expect(requests[0]).not.toContain(secret);
  });

  it('logs refusals and successes alike', async () => {
    const { requests } = await logged('/api/campaigns?kind=quiz', {}, 'true');
    expect(JSON.parse(requests[0]!)).toMatchObject({ method: 'GET', route: '/api/campaigns', status: 200 });
  });

  it('writes nothing per request where LOG_REQUESTS is not "true" (local development)', async () => {
    expect((await logged('/api/campaigns', {}, undefined)).requests).toEqual([]);
  });
});
