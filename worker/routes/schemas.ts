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

export const email = v.pipe(v.string(), v.trim(), v.maxLength(254, 'email_invalid'), v.email('email_invalid'), v.toLowerCase());
