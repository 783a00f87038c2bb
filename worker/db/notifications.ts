// The outbox of notifications (texts) to people. Rows are written with the change that causes them; the relay
// hands them to the queue; the consumer claims, sends and settles each one exactly once.
import { and, desc, eq, inArray, lt, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { NotificationKind } from '../domain/notification-texts.ts';
import type { Language } from '../lib/messages.ts';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import { callouts, campaigns, notifications, organizations, people, registrations, sessions, slots } from './schema.ts';

const newId = sql.raw('lower(hex(randomblob(16)))');

/**
 * One notification of `kind` to the person of each registration that `registrationIds` (an `SQL`
 * query) selects, from the organization of its campaign. The dedupe key allows one of each kind per
 * registration, so a repeated statement queues nothing twice.
 */
function registrationNotifications(
  kind: 'confirmed' | 'promoted' | 'registration_cancelled',
  registrationIds: SQL,
): SQL {
  return sql`INSERT OR IGNORE INTO notifications (id, person_id, kind, organization_id, registration_id, dedupe_key)
    SELECT ${newId}, r.person_id, ${kind}, c.organization_id, r.id, ${kind} || ':' || r.id
    FROM registrations r
    JOIN slots s ON s.id = r.slot_id
    JOIN sessions se ON se.id = s.session_id
    JOIN campaigns c ON c.id = se.campaign_id
    WHERE r.id IN (${registrationIds})`;
}

/**
 * For a sign-up's batch, after its INSERT: the confirmation notification, when the registration
 * took a seat (a place on the waiting list is not confirmed: its notification comes with the promotion).
 */
export const confirmationNotification = (registrationId: string | SQLWrapper) =>
  registrationNotifications(
    'confirmed',
    sql`SELECT id FROM registrations WHERE id = ${registrationId} AND status = 'confirmed'`,
  );

/**
 * For a promotion's batch, right before its UPDATE: the notification to each person `nextInLine`
 * (a query of the waiting registrations about to be confirmed) selects, read in the same state as
 * the UPDATE's.
 */
export const promotionNotifications = (nextInLine: SQL) => registrationNotifications('promoted', nextInLine);

/**
 * For an organizer's cancellation on the person's behalf, right after its UPDATE (and audit
 * entry): the notification telling them, only when `made` (e.g. `changes() = 1`) says the change
 * was this request's.
 */
export const cancellationNotification = (registrationId: string, made: SQL) =>
  registrationNotifications(
    'registration_cancelled',
    sql`SELECT id FROM registrations WHERE id = ${registrationId} AND ${made}`,
  );

/**
 * For a batch that changes or cancels a session: one notification to everyone signed up for it (seated
 * or waiting). Runs before a cancellation's UPDATE, while they are still signed up.
 */
export function sessionNotifications(
  sessionId: string,
  kind: 'session_changed' | 'session_cancelled',
  changeId: string,
): SQL {
  return sql`INSERT OR IGNORE INTO notifications (id, person_id, kind, organization_id, registration_id, dedupe_key)
    SELECT ${newId}, r.person_id, ${kind}, c.organization_id, r.id, ${kind} || ':' || ${changeId} || ':' || r.id
    FROM registrations r
    JOIN slots s ON s.id = r.slot_id
    JOIN sessions se ON se.id = s.session_id
    JOIN campaigns c ON c.id = se.campaign_id
    WHERE se.id = ${sessionId} AND r.status IN ('confirmed', 'waitlisted')`;
}

/**
 * Reminders for sessions starting within [from, to), for organizations that send theirs at this
 * China hour, to seated people who have not turned reminders off. One per registration and
 * session: a registration moved to another session is reminded of that one too (a changed time
 * of the same session is told by the session change's own notification).
 */
export async function queueReminders(db: Database, chinaHour: number, from: number, to: number) {
  const result = await db.run(sql`INSERT OR IGNORE INTO notifications
      (id, person_id, kind, organization_id, registration_id, dedupe_key)
    SELECT ${newId}, r.person_id, 'reminder', c.organization_id, r.id, 'reminder:' || r.id || ':' || se.id
    FROM organizations o
    JOIN campaigns c ON c.organization_id = o.id
    JOIN sessions se ON se.campaign_id = c.id
    JOIN slots s ON s.session_id = se.id
    JOIN registrations r ON r.slot_id = s.id
    JOIN people p ON p.id = r.person_id
    WHERE o.reminder_hour = ${chinaHour} AND se.starts_at >= ${from} AND se.starts_at < ${to}
      AND se.cancelled_at IS NULL AND r.status = 'confirmed' AND p.reminders = 1`);
  return result.meta.changes;
}

/** The daily quiz nudge: players who opted in, of seasons open today, who have not played today. */
export async function queueQuizNudges(db: Database, today: string) {
  const result = await db.run(sql`INSERT OR IGNORE INTO notifications (id, person_id, kind, organization_id, dedupe_key)
    SELECT ${newId}, p.id, 'quiz_nudge', c.organization_id, 'quiz_nudge:' || q.id || ':' || ${today} || ':' || p.id
    FROM quiz_seasons q
    JOIN campaigns c ON c.id = q.campaign_id
    JOIN quiz_players qp ON qp.season_id = q.id
    JOIN people p ON p.id = qp.person_id
    WHERE q.starts_on <= ${today} AND q.ends_on >= ${today} AND c.status = 'published' AND p.quiz_nudges = 1
      AND NOT EXISTS (
        SELECT 1 FROM quiz_attempts a WHERE a.season_id = q.id AND a.person_id = p.id AND a.day = ${today})`);
  return result.meta.changes;
}

// A message handed over but never settled (the queue send failed, or it was lost) is handed
// over again after this long; the consumer's claim keeps it from going out twice.
const HANDOVER_TIMEOUT_MS = 2 * 60 * 60 * 1000;

/** Marks up to `limit` queued messages as handed to the queue and returns their keys. */
export async function takeForHandover(db: Database, limit: number, now = Date.now()) {
  const rows = await batch<[{ dedupe_key: string }[]]>(db, [
    sql`UPDATE notifications SET handed_at = ${now}
        WHERE id IN (SELECT id FROM notifications
                     WHERE status = 'queued' AND (handed_at IS NULL OR handed_at < ${now - HANDOVER_TIMEOUT_MS})
                     ORDER BY created_at LIMIT ${limit})
        RETURNING dedupe_key`,
  ]);
  return rows[0].map((row) => row.dedupe_key);
}

// A consumer that claimed a message and then vanished leaves it to another after this long.
const CLAIM_LEASE_MS = 5 * 60 * 1000;

/**
 * Claims messages, by their keys, for sending, in one statement. Keys of messages settled already,
 * or held by another consumer, are left out of the answer.
 */
export async function claim(db: Database, keys: string[], now = Date.now()) {
  const [claimed] = await batch<[{ id: string; key: string; attempts: number }[]]>(db, [
    sql`UPDATE notifications
        SET status = 'sending', claimed_at = ${now}, attempts = attempts + 1, handed_at = coalesce(handed_at, ${now})
        WHERE dedupe_key IN (SELECT value FROM json_each(${JSON.stringify(keys)}))
          AND (status = 'queued' OR (status = 'sending' AND claimed_at < ${now - CLAIM_LEASE_MS}))
        RETURNING id, dedupe_key AS key, attempts`,
  ]);
  return claimed;
}

/** Everything the texts (the words) and the decisions to send need, read at sending time. */
export function messageFacts(db: Database, ids: string[]) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      phone: people.phone,
      language: people.language,
      reminders: people.reminders,
      quizNudges: people.quizNudges,
      emergencyDonor: people.emergencyDonor,
      organization: organizations.name,
      registrationStatus: registrations.status,
      code: registrations.code,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      windowMinutes: sessions.windowMinutes,
      windowIndex: registrations.windowIndex,
      venue: sessions.venue,
      address: sessions.address,
      title: campaigns.title,
      campaignKind: campaigns.kind,
      message: callouts.message,
    })
    .from(notifications)
    .innerJoin(people, eq(people.id, notifications.personId))
    .leftJoin(organizations, eq(organizations.id, notifications.organizationId))
    .leftJoin(registrations, eq(registrations.id, notifications.registrationId))
    .leftJoin(slots, eq(slots.id, registrations.slotId))
    .leftJoin(sessions, eq(sessions.id, slots.sessionId))
    .leftJoin(campaigns, eq(campaigns.id, sessions.campaignId))
    .leftJoin(callouts, eq(callouts.id, notifications.calloutId))
    .where(inArray(notifications.id, sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`));
}

export type MessageFacts = Awaited<ReturnType<typeof messageFacts>>[number] & { language: Language };

export interface Settlement {
  id: string;
  status: 'sent' | 'skipped' | 'queued' | 'failed';
  error?: string;
}

/** Settles claimed messages (sent, no longer wanted, back in the queue, or failed for good) in one batch. */
export async function settle(db: Database, settlements: Settlement[], claimedAt: number, now = Date.now()) {
  if (settlements.length === 0) return;
  await batch(
    db,
    settlements.map(
      (s) => sql`UPDATE notifications SET status = ${s.status}, last_error = coalesce(${s.error ?? null}, last_error),
                   sent_at = CASE WHEN ${s.status} = 'sent' THEN ${now} ELSE sent_at END
                 WHERE id = ${s.id} AND status = 'sending' AND claimed_at = ${claimedAt}`,
    ),
  );
}

export interface NotificationCursor {
  at: number;
  id: string;
}

/** Organizers' view of their notifications, newest first: what went out, what waits, what failed. */
export function listNotifications(
  db: Database,
  filter: {
    organizationId: string | null;
    status?: (typeof notifications.status.enumValues)[number];
    kind?: NotificationKind;
    before?: NotificationCursor;
  },
  limit: number,
) {
  const before = filter.before;
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      status: notifications.status,
      attempts: notifications.attempts,
      lastError: notifications.lastError,
      createdAt: notifications.createdAt,
      sentAt: notifications.sentAt,
      registrationId: notifications.registrationId,
      calloutId: notifications.calloutId,
      name: people.name,
      phone: people.phone,
    })
    .from(notifications)
    .innerJoin(people, eq(people.id, notifications.personId))
    .where(
      and(
        filter.organizationId === null ? undefined : eq(notifications.organizationId, filter.organizationId),
        filter.status === undefined ? undefined : eq(notifications.status, filter.status),
        filter.kind === undefined ? undefined : eq(notifications.kind, filter.kind),
        before === undefined
          ? undefined
          : or(
              lt(notifications.createdAt, new Date(before.at)),
              and(eq(notifications.createdAt, new Date(before.at)), lt(notifications.id, before.id)),
            ),
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

/** How many of the organization's notifications are in each state. */
export function notificationCounts(db: Database, organizationId: string | null) {
  return db
    .select({ status: notifications.status, count: sql<number>`count(*)` })
    .from(notifications)
    .where(organizationId === null ? undefined : eq(notifications.organizationId, organizationId))
    .groupBy(notifications.status);
}
