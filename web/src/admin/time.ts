// Times as the organizer pages show them: China time, as the API writes it.
import { addDays, chinaDay } from '../../../worker/domain/china-time.ts';
import { strings } from './strings.ts';

/** "2026-06-14T09:00:00+08:00" → "2026-06-14 09:00". */
export const shortTime = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** A moment on this device's clock as China time of day: "08:42". */
export const chinaClock = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(11, 16);

/**
 * When something happened, in words: "今天 09:12", "昨天 18:40", "12月1日 10:00" (with the year when
 * it is not this year).
 */
export function whenWords(iso: string): string {
  const s = strings();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 16);
  const today = chinaDay(Date.now());
  if (day === today) return s.todayAt(time);
  if (day === addDays(today, -1)) return s.yesterdayAt(time);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return s.monthDay(month, date, time, day.slice(0, 4) === today.slice(0, 4) ? undefined : year);
}

/** An appointment window as "09:30–10:00". */
export const windowTime = (window: { startsAt: string; endsAt: string }) =>
  `${window.startsAt.slice(11, 16)}–${window.endsAt.slice(11, 16)}`;
