// When joining a group (团体) closes, for a contact's hold and an organizer's alike.

/** Joining a group closes a day before the session, so the seats nobody claimed can still be taken. */
const JOIN_CLOSES_BEFORE_MS = 24 * 60 * 60 * 1000;

/** A day before the session; a session sooner than that keeps joining open until it starts. */
export function defaultJoinUntil(sessionStartsAt: Date, now: number): Date {
  const dayBefore = sessionStartsAt.getTime() - JOIN_CLOSES_BEFORE_MS;
  return new Date(dayBefore > now ? dayBefore : sessionStartsAt.getTime());
}
