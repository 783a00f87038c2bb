// Text messages leave through a small interface, so a deployment can bridge to any SMS gateway.
import type { Bindings } from '../env.ts';
import { maskPhone } from '../domain/phone.ts';
import { hmacSha256 } from './tokens.ts';

export interface SmsSender {
  /** `key` names the message: a gateway that sees it twice (a retry after a lost answer) sends once. */
  send(phone: string, text: string, key?: string): Promise<void>;
}

export class SmsDeliveryError extends Error {
  override name = 'SmsDeliveryError';
}

/** Local development and tests only (EXPOSE_DEV_OTP "true"): prints the message with the number masked. */
export class ConsoleSmsSender implements SmsSender {
  async send(phone: string, text: string) {
    console.log(JSON.stringify({ event: 'sms', to: maskPhone(phone), text }));
  }
}

/**
 * POSTs `{ to, text, key? }` to a webhook with `X-Lifeline-Timestamp` and
 * `X-Lifeline-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, so the gateway
 * bridge can reject forged or replayed requests.
 */
export class WebhookSmsSender implements SmsSender {
  constructor(
    private readonly url: string,
    private readonly secret: string,
    // Called as a plain function: the runtime's fetch called as this object's method throws "Illegal
    // invocation" (it failed every text until 2026-12-06, while the tests passed a fetch of their own).
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  async send(phone: string, text: string, key?: string) {
    const body = JSON.stringify({ to: phone, text, ...(key && { key }) });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await this.fetcher(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-lifeline-timestamp': timestamp,
        'x-lifeline-signature': `sha256=${await hmacHex(this.secret, `${timestamp}.${body}`)}`,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new SmsDeliveryError(`SMS webhook answered ${response.status}`);
  }
}

export async function hmacHex(secret: string, message: string): Promise<string> {
  return Array.from(await hmacSha256(secret, message), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Where no SMS bridge is configured outside development: refuses every text, and says so in the
 * log without the text (it may hold a sign-in code), so that nobody signs in through the logs.
 */
export class UnconfiguredSmsSender implements SmsSender {
  constructor(private readonly missing: string) {}

  async send(): Promise<void> {
    console.error(JSON.stringify({ event: 'sms_not_configured', missing: this.missing }));
    throw new SmsDeliveryError(`${this.missing} is not set: no text can be sent`);
  }
}

export function smsSender(env: Bindings): SmsSender {
  if (env.SMS_WEBHOOK_URL && env.SMS_WEBHOOK_SECRET)
    return new WebhookSmsSender(env.SMS_WEBHOOK_URL, env.SMS_WEBHOOK_SECRET);
  if (env.SMS_WEBHOOK_URL) return new UnconfiguredSmsSender('SMS_WEBHOOK_SECRET');
  if (env.EXPOSE_DEV_OTP === 'true') return new ConsoleSmsSender();
  return new UnconfiguredSmsSender('SMS_WEBHOOK_URL');
}
