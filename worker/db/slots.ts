// Organizers changing a slot: capacity and waiting list.
import { eq, sql } from 'drizzle-orm';
import { auditStatement, type AuditEntry } from './audit.ts';
import { statement, type Database } from './client.ts';
import { batch } from './prepared.ts';
import { campaigns, sessions, slots } from './schema.ts';
import { heldSeats, seatsTaken, windowsHold } from './seats.ts';
import { promoteWaiting, type Promoted } from './waiting-list.ts';

/** The slot with its campaign's organization, for the access check. */
export async function getSlotOwner(db: Database, slotId: string) {
  return db
    .select({ id: slots.id, organizationId: campaigns.organizationId })
    .from(slots)
    .innerJoin(sessions, eq(sessions.id, slots.sessionId))
    .innerJoin(campaigns, eq(campaigns.id, sessions.campaignId))
    .where(eq(slots.id, slotId))
    .get();
}

export async function getSlotWithCounts(db: Database, slotId: string) {
  const row = await statement(
    db,
    sql`SELECT s.id, s.role, s.capacity, s.waitlist,
          ${seatsTaken(sql`s.id`)} AS taken, ${heldSeats(sql`s.id`)} AS held,
          (SELECT count(*) FROM registrations WHERE slot_id = s.id AND status = 'waitlisted') AS waiting
        FROM slots s WHERE s.id = ${slotId}`,
  ).first<{
    id: string;
    role: string;
    capacity: number;
    waitlist: number;
    taken: number;
    held: number;
    waiting: number;
  }>();
  return row && { ...row, waitlist: row.waitlist === 1 };
}

/**
 * Changes capacity and waiting list in one batch: never below the seats already taken (groups'
 * held seats too, and in each appointment window its own), and a raise confirms waiting people in
 * their order in the same step (a second bus arrives), each notified (db/waiting-list.ts).
 */
export async function updateSlot(
  db: Database,
  slotId: string,
  change: { capacity?: number; waitlist?: boolean },
  audit: AuditEntry,
) {
  const capacity = change.capacity ?? null;
  const waitlist = change.waitlist === undefined ? null : change.waitlist ? 1 : 0;
  const [updated, , , promoted] = await batch<[{ id: string }[], [], [], Promoted]>(db, [
    sql`UPDATE slots SET capacity = coalesce(${capacity}, capacity), waitlist = coalesce(${waitlist}, waitlist)
        WHERE id = ${slotId} AND (${capacity} IS NULL OR ${capacity} >= ${seatsTaken(sql`${slotId}`)})
          AND (SELECT ${windowsHold('slots', 'se', sql`coalesce(${capacity}, slots.capacity)`)}
               FROM sessions se WHERE se.id = slots.session_id)
        RETURNING id`,
    // The audit entry rides in the same batch, written only when the change was.
    auditStatement(audit, Date.now(), sql`changes() = 1`),
    ...promoteWaiting(slotId),
  ]);
  return { updated: updated.length === 1, promoted };
}
