import { describe, expect, it } from 'vitest';
import { hmacHex, SmsDeliveryError, WebhookSmsSender } from '../../worker/lib/sms.ts';
import { SMS_GATEWAY_SECRET, SMS_GATEWAY_URL } from '../sms-gateway.ts';

describe('WebhookSmsSender', () => {
  it('posts the message with a timestamped HMAC-SHA256 signature', async () => {
    const requests: Request[] = [];
    const sender = new WebhookSmsSender('https://sms-bridge.example/send', 'shared-secret', async (input, init) => {
      requests.push(new Request(input, init));
      return new Response(null, { status: 202 });
    });
    await sender.send('13800138000', '您的验证码是 123456');

    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://sms-bridge.example/send');
    const body = await request.text();
    expect(JSON.parse(body)).toEqual({ to: '13800138000', text: '您的验证码是 123456' });
    const timestamp = request.headers.get('x-lifeline-timestamp')!;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5);
    expect(request.headers.get('x-lifeline-signature')).toBe(
      `sha256=${await hmacHex('shared-secret', `${timestamp}.${body}`)}`,
    );
    expect(await hmacHex('another-secret', `${timestamp}.${body}`)).not.toBe(
      await hmacHex('shared-secret', `${timestamp}.${body}`),
    );
  });

  it('fails loudly when the gateway refuses', async () => {
    const sender = new WebhookSmsSender(
      'https://sms-bridge.example/send',
      'secret',
      async () => new Response('no', { status: 500 }),
    );
    await expect(sender.send('13800138000', 'x')).rejects.toBeInstanceOf(SmsDeliveryError);
  });

  it('reaches a gateway through the runtime’s own fetch, signed so that the gateway takes it', async () => {
    await expect(
      new WebhookSmsSender(SMS_GATEWAY_URL, SMS_GATEWAY_SECRET).send('13800138000', '您的验证码是 123456'),
    ).resolves.toBeUndefined();
    // The gateway checks the signature: a sender with another secret is refused.
    await expect(new WebhookSmsSender(SMS_GATEWAY_URL, 'another-secret').send('13800138000', 'x')).rejects.toThrow(
      'SMS webhook answered 401',
    );
  });
});
