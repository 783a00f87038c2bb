// Dates and times as the API gives them: ISO with +08:00 (China time). The wall-clock parts
// are read as written, so a phone set to another time zone still shows the event's own time.
import { chinaDay } from '../../worker/domain/china-time.ts';
import { strings } from './strings.ts';

export const today = () => chinaDay(Date.now());

/** "6月14日 周六" / "Sat 14 Jun", with the year when it is not this year. */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  return strings().day({ year: year === Number(today().slice(0, 4)) ? undefined : year, month, date, weekday });
}

const timeOf = (iso: string) => iso.slice(11, 16);

/** "6月14日 周六 08:30–16:30". */
export function formatSessionTime(startsAt: string, endsAt: string): string {
  const startDay = startsAt.slice(0, 10);
  const endDay = endsAt.slice(0, 10);
  const end = endDay === startDay ? timeOf(endsAt) : `${formatDay(endDay)} ${timeOf(endsAt)}`;
  return `${formatDay(startDay)} ${timeOf(startsAt)}–${end}`;
}

/** "6月14日 周六 – 6月28日 周六", or one day. */
export function formatDays(from: string, to: string): string {
  return from === to ? formatDay(from) : strings().dayRange(formatDay(from), formatDay(to));
}

export const hasStarted = (iso: string) => Date.parse(iso) <= Date.now();

/** "From today" or the day: when a kind of donation may be given again. */
export function nextDayWords(day: string) {
  const s = strings();
  return day <= today() ? s.fromToday : s.fromDay(formatDay(day));
}
