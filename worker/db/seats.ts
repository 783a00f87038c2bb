// What a slot's seats are taken by, for every check that gives out or takes back seats: sign-ups
// confirmed or checked in, and the seats open teams hold that none of their members claimed yet.
// A member's sign-up takes one of their team's held seats, so it is counted once either way.
import { sql, type SQL } from 'drizzle-orm';

/** The sign-up (of the table or alias `sign_up`) occupies a seat. */
export const takesASeat = (signUp: string) => sql.raw(`${signUp}.status IN ('confirmed', 'checked_in')`);

/** Seats held by the slot's open teams and not claimed by a member (yet). `slotId`: a value or a column. */
export const heldSeats = (slotId: SQL) => sql`(
  SELECT coalesce(sum(max(0, g.seats -
    (SELECT count(*) FROM registrations AS m WHERE m.group_id = g.id AND ${takesASeat('m')}))), 0)
  FROM registration_groups AS g WHERE g.slot_id = ${slotId} AND g.status = 'open')`;

/** Seats nobody else may take now: sign-ups holding one, and teams' unclaimed held seats. */
export const seatsTaken = (slotId: SQL) => sql`(
  (SELECT count(*) FROM registrations AS t WHERE t.slot_id = ${slotId} AND ${takesASeat('t')}) + ${heldSeats(slotId)})`;
