// Volunteer hours: the desk checks a volunteer out, and a person's checked-out registrations are
// their service record.
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { auditStatement, type AuditEntry } from './audit.ts';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import { campaigns, registrations, sessions, slots } from './schema.ts';

/**
 * Checks a checked-in volunteer out, with its audit entry, in one batch: once only, whatever
 * two desks do at the same moment. Undefined when not checked in or already out.
 */
export async function checkOut(db: Database, id: string, audit: AuditEntry, now = Date.now()) {
  const [updated] = await batch<[{ checkedInAt: number; checkedOutAt: number }[], []]>(db, [
    sql`UPDATE registrations SET checked_out_at = ${now}
        WHERE id = ${id} AND status = 'checked_in' AND checked_out_at IS NULL
        RETURNING checked_in_at AS checkedInAt, checked_out_at AS checkedOutAt`,
    auditStatement(audit, now, sql`changes() = 1`),
  ]);
  return updated[0];
}

/** The person's sessions of service, checked in and out, latest first. */
export const volunteerService = (db: Database, personId: string) =>
  db
    .select({
      campaign: { id: campaigns.id, title: campaigns.title },
      session: { id: sessions.id, startsAt: sessions.startsAt, venue: sessions.venue },
      role: slots.role,
      checkedInAt: registrations.checkedInAt,
      checkedOutAt: registrations.checkedOutAt,
    })
    .from(registrations)
    .innerJoin(slots, eq(slots.id, registrations.slotId))
    .innerJoin(sessions, eq(sessions.id, slots.sessionId))
    .innerJoin(campaigns, eq(campaigns.id, sessions.campaignId))
    .where(
      and(
        eq(registrations.personId, personId),
        isNotNull(registrations.checkedInAt),
        isNotNull(registrations.checkedOutAt),
      ),
    )
    .orderBy(desc(registrations.checkedOutAt))
    .all();
