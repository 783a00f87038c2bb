// Organizers change or cancel a session after people signed up: everyone signed up hears of it,
// by a notification queued in the same batch as the change.
import { eq, sql } from 'drizzle-orm';
import { auditStatement, type AuditEntry } from './audit.ts';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import { sessionNotifications } from './notifications.ts';
import { campaigns, sessions } from './schema.ts';

/** The session with its campaign's organization, for the access check. */
export function getSessionOwner(db: Database, sessionId: string) {
  return db
    .select({
      id: sessions.id,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      cancelledAt: sessions.cancelledAt,
      windowMinutes: sessions.windowMinutes,
      organizationId: campaigns.organizationId,
    })
    .from(sessions)
    .innerJoin(campaigns, eq(campaigns.id, sessions.campaignId))
    .where(eq(sessions.id, sessionId))
    .get();
}

export interface SessionChange {
  startsAt?: Date;
  endsAt?: Date;
  venue?: string;
  address?: string;
}

/**
 * A session with appointment windows may move, but keeps its length once someone holds a window:
 * a longer or shorter session would have other windows, with other seats, than people booked.
 */
const keepsWindows = (sessionId: string, startsAt: number | null, endsAt: number | null) => sql`(
  window_minutes IS NULL
  OR coalesce(${endsAt}, ends_at) - coalesce(${startsAt}, starts_at) = ends_at - starts_at
  OR NOT EXISTS (SELECT 1 FROM registrations r JOIN slots s ON s.id = r.slot_id
                 WHERE s.session_id = ${sessionId} AND r.window_index IS NOT NULL
                   AND r.status IN ('confirmed', 'checked_in')))`;

/**
 * Applies the change when the session is not cancelled and its times stay in order, and queues
 * a notification to each person signed up. Returns false when nothing was changed.
 */
export async function changeSession(db: Database, sessionId: string, change: SessionChange, audit: AuditEntry) {
  const changeId = crypto.randomUUID();
  const startsAt = change.startsAt?.getTime() ?? null;
  const endsAt = change.endsAt?.getTime() ?? null;
  // changes() tells each statement whether the one before it wrote: the UPDATE for the audit
  // entry, the audit entry for the notifications. So a refused change leaves no entry and sends nothing.
  const [updated] = await batch<[{ id: string }[], ...[][]]>(db, [
    sql`UPDATE sessions SET starts_at = coalesce(${startsAt}, starts_at), ends_at = coalesce(${endsAt}, ends_at),
               venue = coalesce(${change.venue ?? null}, venue), address = coalesce(${change.address ?? null}, address)
        WHERE id = ${sessionId} AND cancelled_at IS NULL
          AND coalesce(${endsAt}, ends_at) > coalesce(${startsAt}, starts_at)
          AND ${keepsWindows(sessionId, startsAt, endsAt)}
        RETURNING id`,
    auditStatement(audit, Date.now(), sql`changes() = 1`),
    sql`${sessionNotifications(sessionId, 'session_changed', changeId)} AND changes() = 1`,
  ]);
  return updated.length === 1;
}

/**
 * Cancels the session, every registration for it (each person notified) and its groups. False if
 * already cancelled.
 */
export async function cancelSession(db: Database, sessionId: string, audit: AuditEntry, now = Date.now()) {
  // As in changeSession, each statement follows the one before through changes(); the notifications are
  // queued while the people are still signed up, then their registrations are cancelled.
  const [cancelled] = await batch<[{ id: string }[], ...[][]]>(db, [
    sql`UPDATE sessions SET cancelled_at = ${now} WHERE id = ${sessionId} AND cancelled_at IS NULL RETURNING id`,
    auditStatement(audit, now, sql`changes() = 1`),
    sql`${sessionNotifications(sessionId, 'session_cancelled', sessionId)} AND changes() = 1`,
    sql`UPDATE registrations SET status = 'cancelled', cancelled_at = ${now}
        WHERE status IN ('confirmed', 'waitlisted')
          AND slot_id IN (SELECT id FROM slots WHERE session_id = ${sessionId})
          AND EXISTS (SELECT 1 FROM sessions WHERE id = ${sessionId} AND cancelled_at = ${now})`,
    // Its groups close too: nobody can join them any more.
    sql`UPDATE registration_groups SET status = 'closed', closed_at = ${now}
        WHERE status = 'open' AND slot_id IN (SELECT id FROM slots WHERE session_id = ${sessionId})
          AND EXISTS (SELECT 1 FROM sessions WHERE id = ${sessionId} AND cancelled_at = ${now})`,
  ]);
  return cancelled.length === 1;
}
