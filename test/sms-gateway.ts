// A stand-in for the SMS gateway's bridge, answering the Worker's outbound requests in the worker
// tests (vitest.config.ts's outboundService): it checks the webhook's signature as a bridge must
// (docs/deploying.md), so the real `fetch` and HMAC of worker/lib/sms.ts run in the tests.
// Web APIs only: both vitest.config.ts (Node) and the tests (workerd) import it.

export const SMS_GATEWAY_URL = 'https://sms-gateway.test/send';
export const SMS_GATEWAY_SECRET = 'test-gateway-secret';

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/** 200 for a POST to the gateway signed with its secret, 401 for a bad signature; no other host answers. */
export async function smsGateway(request: Request): Promise<Response> {
  if (request.method !== 'POST' || request.url !== SMS_GATEWAY_URL) {
    return new Response('The tests have no network but the SMS gateway.', { status: 502 });
  }
  const body = await request.text();
  const timestamp = request.headers.get('x-lifeline-timestamp') ?? '';
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(SMS_GATEWAY_SECRET),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const expected = `sha256=${hex(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${timestamp}.${body}`)))}`;
  return new Response(null, { status: request.headers.get('x-lifeline-signature') === expected ? 200 : 401 });
}
