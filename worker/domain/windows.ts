// Appointment windows: a session split into times to come (every 30 minutes, say), so that donors
// do not all arrive at opening. Window k starts `k × windowMinutes` after the session and the last
// one ends with the session (it may be shorter).
//
// A window's capacity derives from its slot's: the slot's capacity split evenly over the windows,
// the remainder going to the earliest (10 seats over 4 windows: 3, 3, 2, 2). So the windows always
// add up to the slot, and an organizer who raises a slot's capacity (a second bus) widens every
// window at once without a second setting to keep in step. db/seats.ts writes the same rule in SQL,
// where the seats are given out.
import type { MessageKey } from '../lib/messages.ts';

export interface WindowedSession {
  startsAt: Date;
  endsAt: Date;
  windowMinutes: number | null;
}

/** Shortest and longest window an organizer may set, and the most windows a session may have. */
export const WINDOW_MINUTES = { min: 5, max: 240 } as const;
export const MAX_WINDOWS = 48;

const lengthMs = (session: WindowedSession) => session.windowMinutes! * 60_000;

/** How many windows split the session (0: it has none). */
export function windowCount(session: WindowedSession): number {
  if (session.windowMinutes === null) return 0;
  return Math.ceil((session.endsAt.getTime() - session.startsAt.getTime()) / lengthMs(session));
}

/** Seats of window `index` among `count`, for a slot of `capacity`. */
export function windowCapacity(capacity: number, count: number, index: number): number {
  return Math.floor(capacity / count) + (index < capacity % count ? 1 : 0);
}

export function windowStart(session: WindowedSession, index: number): Date {
  return new Date(session.startsAt.getTime() + index * lengthMs(session));
}

export function windowEnd(session: WindowedSession, index: number): Date {
  return new Date(Math.min(session.startsAt.getTime() + (index + 1) * lengthMs(session), session.endsAt.getTime()));
}

/** The window starting at `at` exactly, or null when none does (or the session has no windows). */
export function windowStartingAt(session: WindowedSession, at: Date): number | null {
  if (session.windowMinutes === null) return null;
  const offset = at.getTime() - session.startsAt.getTime();
  const index = offset / lengthMs(session);
  return Number.isInteger(index) && index >= 0 && index < windowCount(session) ? index : null;
}

/**
 * The window a sign-up names by its start (`windowStartsAt`), checked against the session: a
 * session with windows needs one of them, a session without takes none.
 */
export function chosenWindow(
  session: WindowedSession,
  startsAt: Date | undefined,
): { index: number | null } | { issue: MessageKey } {
  if (session.windowMinutes === null) return startsAt === undefined ? { index: null } : { issue: 'window_not_offered' };
  if (startsAt === undefined) return { issue: 'window_required' };
  const index = windowStartingAt(session, startsAt);
  return index === null ? { issue: 'window_unknown' } : { index };
}

/** When window `index` of the session begins and ends; null when the registration has no window. */
export function windowTimes(session: WindowedSession, index: number | null): { startsAt: Date; endsAt: Date } | null {
  if (index === null || session.windowMinutes === null) return null;
  return { startsAt: windowStart(session, index), endsAt: windowEnd(session, index) };
}
