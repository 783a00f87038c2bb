// Input pieces shared by several routes.
import * as v from 'valibot';
import { normalizePhone } from '../domain/phone.ts';

export const phoneNumber = v.pipe(
  v.string(),
  v.maxLength(32, 'phone_invalid'),
  v.check((text) => normalizePhone(text) !== null, 'phone_invalid'),
  v.transform((text) => normalizePhone(text)!),
);

export const personName = v.pipe(v.string(), v.trim(), v.minLength(1, 'name_invalid'), v.maxLength(40, 'name_invalid'));

export const email = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(254, 'email_invalid'),
  v.email('email_invalid'),
  v.toLowerCase(),
);

/** A staff password being set: long enough to resist guessing, short enough to hash cheaply. */
export const newPassword = v.pipe(v.string(), v.minLength(10, 'password_too_short'), v.maxLength(256));

/** A moment written ISO 8601 with its offset, e.g. 2026-06-14T09:00:00+08:00. */
export const instant = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, 'datetime_invalid'),
  v.transform((text) => new Date(text)),
  v.check((date) => !Number.isNaN(date.getTime()), 'datetime_invalid'),
);
