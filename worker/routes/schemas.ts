// Input pieces shared by several routes.
import * as v from 'valibot';
import { isCalendarDay } from '../domain/china-time.ts';
import { normalizePhone } from '../domain/phone.ts';

/** The id of anything stored (a campaign, session, slot, registration, season…) in a path, a filter or a body. */
export const recordId = v.pipe(v.string(), v.maxLength(64));

/** A path's `:id`. */
export const idParam = v.object({ id: recordId });

export const phoneNumber = v.pipe(
  v.string(),
  v.maxLength(32, 'phone_invalid'),
  v.check((text) => normalizePhone(text) !== null, 'phone_invalid'),
  v.transform((text) => normalizePhone(text)!),
);

export const personName = v.pipe(v.string(), v.trim(), v.minLength(1, 'name_invalid'), v.maxLength(40, 'name_invalid'));

/** A group's name (团体), the body's `organization`: the company, school or office whose members share held seats. */
export const groupName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100));

export const email = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(254, 'email_invalid'),
  v.email('email_invalid'),
  v.toLowerCase(),
);

/** A staff password being set: long enough to resist guessing, short enough to hash cheaply. */
export const newPassword = v.pipe(v.string(), v.minLength(10, 'password_too_short'), v.maxLength(256));

/** A calendar day written YYYY-MM-DD that exists (2027-02-30 does not). */
export const calendarDay = v.pipe(v.string(), v.check(isCalendarDay, 'date_invalid'));

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * A real moment: the day exists, hours 00–23, minutes and seconds 00–59, an offset within ±14:00.
 * `Date` alone would read 2027-02-30 as 2 March and 24:00 as the next midnight.
 */
function isInstant(text: string): boolean {
  const parts = ISO_INSTANT.exec(text);
  if (!parts) return false;
  const [, day, hour, minute, second = '00', offsetHour = '00', offsetMinute = '00'] = parts;
  return (
    isCalendarDay(day!) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(offsetHour) <= 14 &&
    Number(offsetMinute) <= 59
  );
}

/** A moment written ISO 8601 with its offset, e.g. 2026-06-14T09:00:00+08:00. */
export const instant = v.pipe(
  v.string(),
  v.maxLength(40, 'datetime_invalid'),
  v.check(isInstant, 'datetime_invalid'),
  v.transform((text) => new Date(text)),
);
