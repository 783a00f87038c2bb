// The waiting list moves up: when seats free (a cancellation, a capacity raise, a group's seats
// given back) the first people waiting take them, in the order they came, and each is notified.
// Both land in the batch of the change that freed the seats.
import { sql } from 'drizzle-orm';
import { promotionNotifications } from './notifications.ts';
import { seatsTaken } from './seats.ts';

/** The waiting registrations of the slot that fit in its free seats now, first come first served. */
const nextInLine = (slotId: string) => sql`
  SELECT id FROM registrations WHERE slot_id = ${slotId} AND status = 'waitlisted'
  ORDER BY arrival
  LIMIT max(0, (SELECT capacity FROM slots WHERE id = ${slotId}) - ${seatsTaken(sql`${slotId}`)})`;

/** The rows the promotion's UPDATE (the second statement of `promoteWaiting`) returns. */
export type Promoted = { id: string; personId: string }[];

/**
 * Two statements for the batch, after the change that frees seats: the notifications to the people next
 * in line, then their promotion. Nothing between them touches registrations, slots or groups, and a
 * batch is one transaction, so both select the same people.
 */
export const promoteWaiting = (slotId: string) =>
  [
    promotionNotifications(nextInLine(slotId)),
    sql`UPDATE registrations SET status = 'confirmed' WHERE id IN (${nextInLine(slotId)})
        RETURNING id, person_id AS personId`,
  ] as const;
