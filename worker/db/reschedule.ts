// Rescheduling: a citizen moves their own confirmed registration to another slot, session or window of
// the same campaign. The new seat is taken and the old one released in one batch, or nothing changes.
import { and, eq, sql, type SQLWrapper } from 'drizzle-orm';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import { registrations, sessions, slots } from './schema.ts';
import { fitsWindow, seatsTaken, takesASeat } from './seats.ts';
import { promoteWaiting, type Promoted } from './waiting-list.ts';

/**
 * The person's registration with where it is now, as a query that can join a D1 batch (the person
 * may be a subquery).
 */
export const registrationToMove = (db: Database, personId: string | SQLWrapper, id: string) =>
  db
    .select({
      id: registrations.id,
      code: registrations.code,
      status: registrations.status,
      slotId: registrations.slotId,
      windowIndex: registrations.windowIndex,
      startsAt: sessions.startsAt,
      campaignId: sessions.campaignId,
    })
    .from(registrations)
    .innerJoin(slots, eq(slots.id, registrations.slotId))
    .innerJoin(sessions, eq(sessions.id, slots.sessionId))
    .where(and(eq(registrations.id, id), eq(registrations.personId, personId)));

/** A slot's seats as a move into it needs them: capacity, seats taken, and seats taken per window. */
export const slotSeats = (db: Database, slotId: string) =>
  db
    .select({
      capacity: slots.capacity,
      taken: sql<number>`${seatsTaken(sql.raw('"slots"."id"'))}`,
      windowsTaken: sql<string>`(SELECT json_group_object(t.window_index, t.n) FROM (
          SELECT w.window_index, count(*) AS n FROM registrations AS w
          WHERE w.slot_id = "slots"."id" AND w.window_index IS NOT NULL AND ${takesASeat('w')}
          GROUP BY w.window_index) AS t)`.mapWith(
        (text: string) => new Map(Object.entries(JSON.parse(text) as Record<string, number>).map(([k, n]) => [+k, n])),
      ),
    })
    .from(slots)
    .where(eq(slots.id, slotId));

export interface Move {
  id: string;
  personId: string;
  from: { slotId: string; windowIndex: number | null };
  to: { slotId: string; windowIndex: number | null };
  /** The answer to keep for a retry with the same Idempotency-Key. */
  idempotency?: { key: string; scope: string; body: string };
}

/**
 * Moves the registration when it is still confirmed where the mover saw it, both sessions are still to
 * come, and the target has a free seat (in the slot, unless the move stays in it, and in the
 * window); then the old slot's waiting list takes the freed seat, with its notification, as after a
 * cancellation. One batch: the seat is never held twice nor lost. A group member leaving the
 * group's slot gives the seat back to the group, not to the slot.
 */
export async function moveRegistration(db: Database, move: Move, now = Date.now()) {
  const { from, to } = move;
  const [moved, , , promoted] = await batch<[{ id: string }[], [], [], Promoted]>(db, [
    sql`
      UPDATE registrations SET
        slot_id = ${to.slotId},
        window_index = ${to.windowIndex},
        group_id = CASE WHEN slot_id = ${to.slotId} THEN group_id END,
        arrival = CASE WHEN slot_id = ${to.slotId} THEN arrival
          ELSE (SELECT coalesce(max(arrival), 0) + 1 FROM registrations WHERE slot_id = ${to.slotId}) END
      WHERE id = ${move.id} AND person_id = ${move.personId} AND status = 'confirmed'
        AND slot_id = ${from.slotId} AND window_index IS ${from.windowIndex}
        AND EXISTS (SELECT 1 FROM slots f JOIN sessions fse ON fse.id = f.session_id
                    WHERE f.id = ${from.slotId} AND fse.starts_at > ${now})
        AND EXISTS (SELECT 1 FROM slots s JOIN sessions se ON se.id = s.session_id
                    WHERE s.id = ${to.slotId} AND se.cancelled_at IS NULL AND se.starts_at > ${now}
                      AND ${fitsWindow('s', 'se', to.windowIndex)}
                      AND (s.id = ${from.slotId} OR ${seatsTaken(sql`s.id`)} < s.capacity))
      RETURNING id`,
    // Right after the move, so changes() is the move's: the answer is kept only when it moved.
    move.idempotency
      ? sql`INSERT INTO idempotent_responses (person_id, key, scope, status, body)
            SELECT ${move.personId}, ${move.idempotency.key}, ${move.idempotency.scope}, 200, ${move.idempotency.body}
            WHERE changes() = 1`
      : sql`SELECT 1 WHERE 0`,
    ...promoteWaiting(from.slotId),
  ]);
  return { moved: moved.length === 1, promoted };
}
