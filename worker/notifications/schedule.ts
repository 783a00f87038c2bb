// Notifications that come due with the clock: tomorrow's reminders at each organization's chosen hour,
// and the quiz nudge in the evening. Run by the cron every few minutes; each is queued once.
import type { Database } from '../db/client.ts';
import { queueQuizNudges, queueReminders } from '../db/notifications.ts';
import { addDays, chinaDateTime, chinaDay } from '../domain/china-time.ts';

/** The China hour at which opted-in players get the day's quiz nudge. */
export const QUIZ_NUDGE_HOUR = 19;

export const chinaHour = (now: number) => new Date(now + 8 * 60 * 60 * 1000).getUTCHours();

export async function queueDueNotifications(db: Database, now = Date.now()) {
  const hour = chinaHour(now);
  const tomorrow = addDays(chinaDay(now), 1);
  const reminders = await queueReminders(
    db,
    hour,
    chinaDateTime(tomorrow).getTime(),
    chinaDateTime(addDays(tomorrow, 1)).getTime(),
  );
  const nudges = hour === QUIZ_NUDGE_HOUR ? await queueQuizNudges(db, chinaDay(now)) : 0;
  return { reminders, nudges };
}
