// What a slot's seats are taken by, for every check that gives out or takes back seats: registrations
// confirmed or checked in, and the seats open groups hold that none of their members claimed yet.
// A member's registration takes one of their group's held seats, so it is counted once either way.
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** The registration (of the table or alias `registration`) occupies a seat. */
export const takesASeat = (registration: string) => sql.raw(`${registration}.status IN ('confirmed', 'checked_in')`);

/** Seats held by the slot's open groups and not claimed by a member (yet). `slotId`: a value or a column. */
export const heldSeats = (slotId: SQL) => sql`(
  SELECT coalesce(sum(max(0, g.seats -
    (SELECT count(*) FROM registrations AS m WHERE m.group_id = g.id AND ${takesASeat('m')}))), 0)
  FROM registration_groups AS g WHERE g.slot_id = ${slotId} AND g.status = 'open')`;

/** Seats nobody else may take now: registrations holding one, and groups' unclaimed held seats. */
export const seatsTaken = (slotId: SQL) => sql`(
  (SELECT count(*) FROM registrations AS t WHERE t.slot_id = ${slotId} AND ${takesASeat('t')}) + ${heldSeats(slotId)})`;

/**
 * The windows of a session (alias `session`) and a window's seats out of a slot's `capacity`:
 * domain/windows.ts's rule in integer SQL, so the statement that books can check it.
 */
const windowCountOf = (session: string) =>
  sql.raw(`((${session}.ends_at - ${session}.starts_at + ${session}.window_minutes * 60000 - 1)
    / (${session}.window_minutes * 60000))`);
const windowCapacityOf = (capacity: SQL, session: string, index: SQL) =>
  sql`(${capacity} / ${windowCountOf(session)}
    + CASE WHEN ${index} < ${capacity} % ${windowCountOf(session)} THEN 1 ELSE 0 END)`;

/** Registrations holding a seat in window `index` of the slot. */
const windowSeatsTaken = (slotId: SQL, index: SQL) => sql`(
  SELECT count(*) FROM registrations AS w
  WHERE w.slot_id = ${slotId} AND w.window_index = ${index} AND ${takesASeat('w')})`;

/**
 * Whether a sign-up for window `index` (null: none named) fits slot `slot` of session `session`:
 * a session with windows needs one of its windows with a free seat, one without takes no window.
 */
export const fitsWindow = (slot: string, session: string, index: number | null | SQLWrapper) => sql`(CASE
  WHEN ${sql.raw(session)}.window_minutes IS NULL THEN ${index} IS NULL
  ELSE ${index} IS NOT NULL AND ${index} >= 0 AND ${index} < ${windowCountOf(session)}
    AND ${windowSeatsTaken(sql.raw(`${slot}.id`), sql`${index}`)}
      < ${windowCapacityOf(sql.raw(`${slot}.capacity`), session, sql`${index}`)}
  END)`;

/** No window of slot `slot` would hold more registrations than its seats, were the slot's capacity `capacity`. */
export const windowsHold = (slot: string, session: string, capacity: SQL) => sql`(
  ${sql.raw(session)}.window_minutes IS NULL OR NOT EXISTS (
    SELECT 1 FROM registrations AS w WHERE w.slot_id = ${sql.raw(slot)}.id AND ${takesASeat('w')}
    GROUP BY w.window_index
    HAVING count(*) > ${windowCapacityOf(capacity, session, sql`w.window_index`)}))`;
