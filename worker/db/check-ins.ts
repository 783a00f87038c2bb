// Checking people in on the day (by the booking code their pass shows, or found by name or phone
// digits), the donation recorded after the collection, and an organizer's corrections afterwards.
import { and, eq, gte, inArray, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { addDays, chinaDateTime, chinaDay } from '../domain/china-time.ts';
import type { DonationKind } from '../domain/eligibility.ts';
import { auditStatement, type AuditEntry } from './audit.ts';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import { cancellationNotification } from './notifications.ts';
import { campaigns, donations, people, registrations, sessions, slots } from './schema.ts';
import { seatsTaken } from './seats.ts';
import { promoteWaiting, type Promoted } from './waiting-list.ts';

/**
 * A registration with what the desk shows and what its rules and the access check need, as a query
 * that can join a D1 batch (which hands rows back by column name: the joined ids are renamed).
 */
function pass(db: Database, where: SQL | undefined) {
  return db
    .select({
      id: registrations.id,
      code: registrations.code,
      status: registrations.status,
      name: registrations.name,
      personId: registrations.personId,
      checkedInAt: registrations.checkedInAt,
      slotId: sql<string>`${slots.id}`.as('slot_key'),
      role: slots.role,
      sessionId: sql<string>`${sessions.id}`.as('session_key'),
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      windowMinutes: sessions.windowMinutes,
      windowIndex: registrations.windowIndex,
      venue: sessions.venue,
      campaignId: sql<string>`${campaigns.id}`.as('campaign_key'),
      title: campaigns.title,
      kind: campaigns.kind,
      eligibility: campaigns.eligibility,
      organizationId: campaigns.organizationId,
    })
    .from(registrations)
    .innerJoin(slots, eq(slots.id, registrations.slotId))
    .innerJoin(sessions, eq(sessions.id, slots.sessionId))
    .innerJoin(campaigns, eq(campaigns.id, sessions.campaignId))
    .where(where);
}

export type Pass = Awaited<ReturnType<typeof pass>>[number];

/** The registration behind a booking code, as a query (a desk's scan reads it beside the staff login). */
export const passByCode = (db: Database, code: string) => pass(db, eq(registrations.code, code));

export const findByCode = (db: Database, code: string) => passByCode(db, code).get();

/** The registration an organizer corrects or records a donation for. */
export const findById = (db: Database, id: string) => pass(db, eq(registrations.id, id)).get();

/**
 * A no-show's seat may have gone to someone else since (a capacity lowered, a person moved up):
 * they take a seat again only while the slot has one free.
 */
const seatFree = sql`(SELECT capacity FROM slots WHERE slots.id = registrations.slot_id) >
  ${seatsTaken(sql`registrations.slot_id`)}`;

export interface DonationRecord {
  kind: DonationKind;
  volumeMl: number | null;
  day: string;
}

/** One donation a person a day: also what the UNIQUE index `donations_one_per_day` holds. */
const notDonatedOn = (personId: string, day: string) =>
  sql`NOT EXISTS (SELECT 1 FROM donations WHERE person_id = ${personId} AND day = ${day})`;

/**
 * Marks a confirmed registration (or a late arrival marked no-show) checked in and, with a donation,
 * records it — in one batch, so a double scan checks in and records once, and a donor who already
 * gave today is not checked in with a second donation.
 */
export async function checkIn(
  db: Database,
  registration: { id: string; personId: string },
  donation: DonationRecord | null,
  audit: AuditEntry,
  now = Date.now(),
) {
  const [updated] = await batch<[{ id: string }[], ...[][]]>(db, [
    sql`UPDATE registrations SET status = 'checked_in', checked_in_at = ${now}
        WHERE id = ${registration.id} AND (status = 'confirmed' OR (status = 'no_show' AND ${seatFree}))
          AND ${donation ? notDonatedOn(registration.personId, donation.day) : sql`1`}
        RETURNING id`,
    // changes() says whether the statement before made a change: the UPDATE for the audit entry,
    // then the audit entry for the donation. So both follow this scan's check-in, even when
    // two scans arrive in the same millisecond.
    auditStatement(audit, now, sql`changes() = 1`),
    ...(donation ? [insertDonation(registration, donation, sql`changes() = 1`)] : []),
  ]);
  return updated.length === 1;
}

const insertDonation = (registration: { id: string; personId: string }, donation: DonationRecord, onlyIf: SQL) =>
  sql`INSERT INTO donations (id, person_id, day, kind, volume_ml, registration_id)
      SELECT ${crypto.randomUUID()}, ${registration.personId}, ${donation.day}, ${donation.kind}, ${donation.volumeMl},
             ${registration.id}
      WHERE ${onlyIf}
      ON CONFLICT DO NOTHING
      RETURNING id, day, kind, volume_ml AS volumeMl`;

/**
 * Records the donation of a checked-in donor after the collection, with its audit entry: written
 * only while the registration is checked in and the person has given nothing else that day.
 */
export async function recordDonation(
  db: Database,
  registration: { id: string; personId: string },
  donation: DonationRecord,
  audit: AuditEntry,
  now = Date.now(),
) {
  const [inserted] = await batch<[{ id: string; day: string; kind: DonationKind; volumeMl: number | null }[], []]>(db, [
    insertDonation(
      registration,
      donation,
      sql`EXISTS (SELECT 1 FROM registrations WHERE id = ${registration.id} AND status = 'checked_in')`,
    ),
    auditStatement(audit, now, sql`changes() = 1`),
  ]);
  return inserted[0];
}

/** Removes a wrongly recorded donation, with its audit entry; false when there was none. */
export async function removeDonation(db: Database, registrationId: string, audit: AuditEntry, now = Date.now()) {
  const [deleted] = await batch<[{ id: string }[], []]>(db, [
    sql`DELETE FROM donations WHERE registration_id = ${registrationId} RETURNING id`,
    auditStatement(audit, now, sql`changes() = 1`),
  ]);
  return deleted.length === 1;
}

export async function findDonation(db: Database, registrationId: string) {
  return db
    .select({ day: donations.day, kind: donations.kind, volumeMl: donations.volumeMl })
    .from(donations)
    .where(eq(donations.registrationId, registrationId))
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
          sql`DELETE FROM donations WHERE registration_id = ${id}
              AND EXISTS (SELECT 1 FROM registrations WHERE id = ${id} AND status = ${to})`,
        ]
      : []),
  ]);
  return updated.length === 1;
}

/**
 * Cancels a registration on the person's behalf (they phoned, or were deferred at the health check):
 * in one batch the registration is cancelled, the change audited, the person notified, and the
 * freed seat given to the first person waiting, who is texted too (db/waiting-list.ts).
 */
export async function cancelOnBehalf(
  db: Database,
  registration: { id: string; slotId: string },
  audit: AuditEntry,
  now = Date.now(),
) {
  const [cancelled, , , , promoted] = await batch<[{ id: string }[], [], [], [], Promoted]>(db, [
    sql`UPDATE registrations SET status = 'cancelled', cancelled_at = ${now}
        WHERE id = ${registration.id} AND status IN ('confirmed', 'waitlisted')
        RETURNING id`,
    auditStatement(audit, now, sql`changes() = 1`),
    // After the audit entry, changes() = 1 still means this request made the cancellation.
    cancellationNotification(registration.id, sql`changes() = 1`),
    ...promoteWaiting(registration.slotId),
  ]);
  return { cancelled: cancelled.length === 1, promoted };
}

/** Escapes LIKE's wildcards in what a person typed. */
const literal = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** Today's registrations of a campaign (of one session, when given) that `where` picks, with what the desk shows. */
function todaysRegistrations(
  db: Database,
  filter: { campaignId: string; sessionId?: string },
  where: SQL,
  now: number,
) {
  const today = chinaDay(now);
  return db
    .select({
      registrationId: registrations.id,
      code: registrations.code,
      name: registrations.name,
      phone: people.phone,
      status: registrations.status,
      role: slots.role,
      windowIndex: registrations.windowIndex,
      sessionId: sql<string>`${sessions.id}`.as('session_key'),
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      windowMinutes: sessions.windowMinutes,
      venue: sessions.venue,
    })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .innerJoin(slots, eq(slots.id, registrations.slotId))
    .innerJoin(sessions, eq(sessions.id, slots.sessionId))
    .where(
      and(
        eq(sessions.campaignId, filter.campaignId),
        filter.sessionId === undefined ? undefined : eq(sessions.id, filter.sessionId),
        gte(sessions.startsAt, chinaDateTime(today)),
        lt(sessions.startsAt, chinaDateTime(addDays(today, 1))),
        where,
      ),
    );
}

export type DeskRow = Awaited<ReturnType<typeof todaysRegistrations>>[number];

/**
 * Today's registrations of a campaign (of one session, when given) whose name contains the words typed
 * or whose phone ends with the 4 digits typed: a person without their pass, found at the desk.
 */
export async function searchToday(
  db: Database,
  filter: { campaignId: string; sessionId?: string; q: string },
  now = Date.now(),
) {
  const digits = /^\d{4}$/.test(filter.q);
  const found = or(
    sql`${registrations.name} LIKE ${`%${literal(filter.q)}%`} ESCAPE '\\'`,
    digits ? like(people.phone, `%${filter.q}`) : undefined,
  )!;
  return todaysRegistrations(
    db,
    filter,
    and(inArray(registrations.status, ['confirmed', 'checked_in', 'no_show', 'waitlisted']), found)!,
    now,
  )
    .orderBy(registrations.name)
    .limit(20);
}

/**
 * Who the desk expects now: today's registrations of the appointment window under way, or of the first
 * window while the session has not opened, in each session with windows.
 */
export async function expectedNow(db: Database, filter: { campaignId: string; sessionId?: string }, now = Date.now()) {
  const windowMs = sql`${sessions.windowMinutes} * 60000`;
  const windowStart = sql`(${sessions.startsAt} + ${registrations.windowIndex} * ${windowMs})`;
  const current = sql`${registrations.windowIndex} IS NOT NULL AND (
    (${now} < ${sessions.startsAt} AND ${registrations.windowIndex} = 0)
    OR (${windowStart} <= ${now} AND ${now} < ${windowStart} + ${windowMs}))`;
  return todaysRegistrations(
    db,
    filter,
    and(inArray(registrations.status, ['confirmed', 'checked_in', 'no_show']), current)!,
    now,
  )
    .orderBy(windowStart, registrations.name)
    .limit(200);
}
