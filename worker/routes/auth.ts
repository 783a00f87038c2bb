// Citizens sign in with a one-time code sent by SMS.
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { checkCode, issueCode, OTP_TTL_SEC, useCode, withdrawCode } from '../db/otp-codes.ts';
import { maskPhone } from '../domain/phone.ts';
import type { AppEnv } from '../env.ts';
import { personLoginHash, loginTtlSec, setLoginCookie, signOut } from '../lib/auth.ts';
import { ApiError } from '../lib/errors.ts';
import { hashKey } from '../lib/keyed-hash.ts';
import { enforceLimit, enforceLimits, perAddress, tooMany } from '../lib/rate-limit.ts';
import { smsSender } from '../lib/sms.ts';
import { randomDigits, randomToken, sha256 } from '../lib/tokens.ts';
import { json } from '../lib/validation.ts';
import { phoneNumber } from './schemas.ts';

// Many phones share one carrier-grade NAT address, so the per-address limits are generous; the
// day's ceiling per address (an IPv6 /64) bounds the texts one sender can have sent, whatever
// phone numbers it asks for.
const codesPerAddress = <E extends AppEnv>(c: Context<E>) => perAddress(c, 'otp-ip', 60, 600);
const codesPerAddressPerDay = <E extends AppEnv>(c: Context<E>) => perAddress(c, 'otp-ip-day', 500, 86_400);
const checksPerAddress = <E extends AppEnv>(c: Context<E>) => perAddress(c, 'verify-ip', 120, 600);

const codeText = {
  // Signed like every other text (【…】): Chinese carriers refuse unsigned ones, and people trust them less.
  'zh-CN': (code: string) => `【生命线】您的验证码是 ${code}，${OTP_TTL_SEC / 60} 分钟内有效。请勿告诉他人。`,
  en: (code: string) => `[Lifeline] Your code is ${code}. It expires in ${OTP_TTL_SEC / 60} minutes. Do not share it.`,
};

export const authRoutes = new Hono<AppEnv>()
  .post('/otp', ...json(v.object({ phone: phoneNumber })), async (c) => {
    const { phone } = c.req.valid('json');
    const db = c.var.db;
    await enforceLimits(c, [codesPerAddress(c), codesPerAddressPerDay(c)]);

    const code = randomDigits(6);
    const issued = await issueCode(db, hashKey(c.env), phone, code);
    if (!issued.issued) throw tooMany(issued.retryAfterSec);
    try {
      await smsSender(c.env).send(phone, codeText[c.get('language')](code));
    } catch (error) {
      await withdrawCode(db, issued.id); // the person may ask again at once
      // The error's class only, as for every text: a gateway's message may quote the number.
      console.error(
        JSON.stringify({
          event: 'sms_failed',
          requestId: c.get('requestId'),
          name: error instanceof Error ? error.name : 'Error',
        }),
      );
      throw new ApiError(503, 'unavailable', { retryAfterSec: 30 });
    }
    return c.json(
      { sent: true as const, expiresIn: OTP_TTL_SEC, ...(c.env.EXPOSE_DEV_OTP === 'true' ? { devCode: code } : {}) },
      202,
    );
  })
  .post(
    '/verify',
    ...json(v.object({ phone: phoneNumber, code: v.pipe(v.string(), v.regex(/^\d{6}$/, 'otp_format')) })),
    async (c) => {
      const { phone, code } = c.req.valid('json');
      const db = c.var.db;
      await enforceLimit(c, checksPerAddress(c));

      const checked = await checkCode(db, hashKey(c.env), phone, code);
      if (!checked.right) throw new ApiError(400, checked.error);
      const token = randomToken();
      const person = await useCode(db, {
        codeId: checked.codeId,
        phone,
        tokenHash: await sha256(token),
        expiresAt: Date.now() + loginTtlSec.person * 1000,
        previousTokenHash: await personLoginHash(c),
        language: c.get('language'),
      });
      if (!person) throw new ApiError(400, 'code_expired'); // a parallel request used it first
      setLoginCookie(c, 'person', token);
      return c.json({ person: { id: person.id, phone: maskPhone(person.phone), name: person.name } }, 200);
    },
  )
  .post('/logout', async (c) => {
    await signOut(c, 'person');
    return c.body(null, 204);
  });
