// Checking people in on the day, by the booking code their pass shows.
import { eq, sql } from 'drizzle-orm';
import { auditStatement, type AuditEntry } from './audit.ts';
import { batch, type Database } from './client.ts';
import { campaigns, registrations, sessions, slots } from './schema.ts';

/** The sign-up behind a booking code, with what the check-in desk shows and the access check needs. */
export async function findByCode(db: Database, code: string) {
  return db
    .select({
      id: registrations.id,
      code: registrations.code,
      status: registrations.status,
      name: registrations.name,
      personId: registrations.personId,
      checkedInAt: registrations.checkedInAt,
      role: slots.role,
      startsAt: sessions.startsAt,
      venue: sessions.venue,
      campaignId: campaigns.id,
      title: campaigns.title,
      kind: campaigns.kind,
      organizationId: campaigns.organizationId,
    })
    .from(registrations)
    .innerJoin(slots, eq(slots.id, registrations.slotId))
    .innerJoin(sessions, eq(sessions.id, slots.sessionId))
    .innerJoin(campaigns, eq(campaigns.id, sessions.campaignId))
    .where(eq(registrations.code, code))
    .get();
}

/**
 * A no-show's seat may have gone to someone else since (a capacity lowered, a person moved up):
 * they take a seat again only while the slot has one free.
 */
const seatFree = sql`(SELECT capacity FROM slots WHERE slots.id = registrations.slot_id) >
  (SELECT count(*) FROM registrations AS taken WHERE taken.slot_id = registrations.slot_id AND taken.status IN ('confirmed', 'checked_in'))`;

/**
 * Marks a confirmed sign-up (or a late arrival marked no-show) checked in and, for a donation,
 * records it in the donor's history — in one batch, so a double scan checks in and records once.
 */
export async function checkIn(
  db: Database,
  registration: { id: string; personId: string },
  donation: { kind: 'whole_blood' | 'platelets'; day: string } | null,
  audit: AuditEntry,
  now = Date.now(),
) {
  const [updated] = await batch<[{ id: string }[], ...[][]]>(db, [
    sql`UPDATE registrations SET status = 'checked_in', checked_in_at = ${now}
        WHERE id = ${registration.id} AND (status = 'confirmed' OR (status = 'no_show' AND ${seatFree}))
        RETURNING id`,
    // changes() says whether the statement before made a change: the UPDATE for the audit entry,
    // then the audit entry for the donation. So both follow this scan's check-in, even when
    // two scans arrive in the same millisecond.
    auditStatement(audit, now, sql`changes() = 1`),
    ...(donation
      ? [
          sql`INSERT INTO donations (id, person_id, day, kind, registration_id)
              SELECT ${crypto.randomUUID()}, ${registration.personId}, ${donation.day}, ${donation.kind}, ${registration.id}
              WHERE changes() = 1
              ON CONFLICT (registration_id) DO NOTHING`,
        ]
      : []),
  ]);
  return updated.length === 1;
}

/** The sign-up with its campaign's organization and session start, for the organizer's corrections. */
export async function findForCorrection(db: Database, id: string) {
  return db
    .select({
      id: registrations.id,
      status: registrations.status,
      organizationId: campaigns.organizationId,
      startsAt: sessions.startsAt,
    })
    .from(registrations)
    .innerJoin(slots, eq(slots.id, registrations.slotId))
    .innerJoin(sessions, eq(sessions.id, slots.sessionId))
    .innerJoin(campaigns, eq(campaigns.id, sessions.campaignId))
    .where(eq(registrations.id, id))
    .get();
}

/**
 * An organizer's correction: `no_show` for a confirmed person who did not come, `confirmed` to
 * undo a mistaken check-in (its donation record goes with it) or a mistaken no-show.
 * Returns false when the status changed in between.
 */
export async function correctStatus(
  db: Database,
  id: string,
  from: 'confirmed' | 'checked_in' | 'no_show',
  to: 'confirmed' | 'no_show',
  audit: AuditEntry,
) {
  const [updated] = await batch<[{ id: string }[], ...[][]]>(db, [
    sql`UPDATE registrations SET status = ${to}, checked_in_at = NULL
        WHERE id = ${id} AND status = ${from} AND (${from} <> 'no_show' OR ${seatFree})
        RETURNING id`,
    // Right after the UPDATE, changes() says whether this correction made the change.
    auditStatement(audit, Date.now(), sql`changes() = 1`),
    ...(from === 'checked_in'
      ? [
          sql`DELETE FROM donations WHERE registration_id = ${id} AND EXISTS (SELECT 1 FROM registrations WHERE id = ${id} AND status = ${to})`,
        ]
      : []),
  ]);
  return updated.length === 1;
}
