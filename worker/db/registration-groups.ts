// Groups (团体献血; "teams" to users): a contact holds seats of a slot for a group, all or none,
// and each member claims one by signing up (registrations.signUp with `groupId`). Nobody is
// booked or texted on the contact's word. At `joinUntil` the housekeeping closes the group: its
// unclaimed seats return to the slot and the waiting list moves up, in one batch with the audit entry.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { bookingCode } from '../domain/booking-code.ts';
import { auditStatement, type AuditEntry } from './audit.ts';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import { isUniqueViolation } from './registrations.ts';
import { campaigns, registrationGroups, registrations, sessions, slots } from './schema.ts';
import { seatsTaken, takesASeat } from './seats.ts';
import { promoteWaiting } from './waiting-list.ts';

/** Seats one citizen's open groups may hold in all; organizers may hold more for a group. */
export const SEATS_PER_CONTACT = 50;

/** Members holding a seat of the group (`group`: a value or a column). */
const joinedOf = (group: SQL) =>
  sql<number>`(SELECT count(*) FROM registrations AS m WHERE m.group_id = ${group} AND ${takesASeat('m')})`;

/**
 * Seats to hold for a group: by a citizen for their own group (`contact`), or by organizers (`contact`
 * null: only the group's name is kept, and they pass the invitation on themselves).
 */
export interface NewGroup {
  slotId: string;
  contact: { personId: string; name: string; phone: string } | null;
  organization: string;
  seats: number;
  joinUntil: Date;
}

type HoldRefusal = 'slot_full' | 'hold_limit_reached' | 'group_exists' | 'group_name_taken';

export type HoldResult = { outcome: 'held'; id: string; code: string } | { outcome: HoldRefusal };

/**
 * Holds the seats when all of them are free now (nobody waiting, the session not cancelled) and a
 * contact's open groups stay within SEATS_PER_CONTACT (organizers' holds have no such cap): one
 * INSERT decides, so racing groups and sign-ups cannot take the same seat. An organizers' hold
 * writes its audit entry in the same batch. A new invitation code is drawn on the rare clash.
 */
export async function holdSeats(db: Database, group: NewGroup, audit?: (groupId: string) => AuditEntry) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await holdOnce(db, { ...group, id: crypto.randomUUID(), code: bookingCode() }, audit);
    if (result !== 'code_taken') return result;
  }
  throw new Error('no free invitation code after 3 tries');
}

async function holdOnce(
  db: Database,
  group: NewGroup & { id: string; code: string },
  audit?: (groupId: string) => AuditEntry,
): Promise<HoldResult | 'code_taken'> {
  const contactId = group.contact?.personId ?? null;
  const contactHolds = sql`(SELECT coalesce(sum(seats), 0) FROM registration_groups
    WHERE contact_person_id = ${contactId} AND status = 'open')`;
  const insert = sql`
    INSERT INTO registration_groups
      (id, code, slot_id, contact_person_id, organization, contact_name, contact_phone, seats, join_until, status)
    SELECT ${group.id}, ${group.code}, s.id, ${contactId}, ${group.organization}, ${group.contact?.name ?? null},
      ${group.contact?.phone ?? null}, ${group.seats}, ${group.joinUntil.getTime()}, 'open'
    FROM slots s
    WHERE s.id = ${group.slotId}
      AND s.capacity - ${seatsTaken(sql`${group.slotId}`)} >= ${group.seats}
      AND NOT EXISTS (SELECT 1 FROM registrations WHERE slot_id = ${group.slotId} AND status = 'waitlisted')
      AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = s.session_id AND cancelled_at IS NOT NULL)
      AND (${contactId} IS NULL OR ${contactHolds} + ${group.seats} <= ${SEATS_PER_CONTACT})
    RETURNING id`;
  try {
    const [held] = audit
      ? await batch<[{ id: string }[], unknown[]]>(db, [
          insert,
          auditStatement(audit(group.id), Date.now(), sql`changes() = 1`),
        ])
      : [await db.all<{ id: string }>(insert)];
    if (held.length === 1) return { outcome: 'held', id: group.id, code: group.code };
    // Nothing was written; this read only names the reason.
    const [found] = await db.all<{ seats: number; holding: number }>(sql`SELECT ${contactHolds} AS seats,
      EXISTS (SELECT 1 FROM registration_groups WHERE slot_id = ${group.slotId} AND status = 'open'
              AND (contact_person_id = ${contactId}
                   OR (${contactId} IS NULL AND contact_person_id IS NULL AND organization = ${group.organization})))
        AS holding`);
    if (found!.holding) return { outcome: contactId === null ? 'group_name_taken' : 'group_exists' };
    const overLimit = contactId !== null && found!.seats + group.seats > SEATS_PER_CONTACT;
    return { outcome: overLimit ? 'hold_limit_reached' : 'slot_full' };
  } catch (error) {
    if (isUniqueViolation(error, 'registration_groups.code')) return 'code_taken';
    if (isUniqueViolation(error, 'registration_groups.slot_id')) {
      return { outcome: contactId === null ? 'group_name_taken' : 'group_exists' };
    }
    throw error;
  }
}

/** A group by its invitation code, with what its page shows; the contact's id for the access check. */
export async function findGroupByCode(db: Database, code: string) {
  return db
    .select({
      id: registrationGroups.id,
      code: registrationGroups.code,
      slotId: registrationGroups.slotId,
      contactPersonId: registrationGroups.contactPersonId,
      organization: registrationGroups.organization,
      seats: registrationGroups.seats,
      joined: joinedOf(sql.raw('"registration_groups"."id"')),
      joinUntil: registrationGroups.joinUntil,
      status: registrationGroups.status,
      campaign: { id: campaigns.id, title: campaigns.title, kind: campaigns.kind, status: campaigns.status },
      session: {
        id: sessions.id,
        startsAt: sessions.startsAt,
        endsAt: sessions.endsAt,
        venue: sessions.venue,
        address: sessions.address,
        cancelledAt: sessions.cancelledAt,
      },
      slot: { id: slots.id, role: slots.role },
    })
    .from(registrationGroups)
    .innerJoin(slots, eq(slots.id, registrationGroups.slotId))
    .innerJoin(sessions, eq(sessions.id, slots.sessionId))
    .innerJoin(campaigns, eq(campaigns.id, sessions.campaignId))
    .where(eq(registrationGroups.code, code))
    .get();
}

/** Names of the members holding a seat, in the order they joined: for the contact's eyes only. */
export async function listGroupMembers(db: Database, groupId: string) {
  return db
    .select({ name: registrations.name, status: registrations.status })
    .from(registrations)
    .where(and(eq(registrations.groupId, groupId), sql`${takesASeat('registrations')}`))
    .orderBy(asc(registrations.arrival));
}

/** A citizen's groups, newest first: where a contact finds the invitation link again. */
export async function listContactGroups(db: Database, personId: string) {
  return db
    .select({
      id: registrationGroups.id,
      code: registrationGroups.code,
      organization: registrationGroups.organization,
      seats: registrationGroups.seats,
      joined: joinedOf(sql.raw('"registration_groups"."id"')),
      joinUntil: registrationGroups.joinUntil,
      status: registrationGroups.status,
      campaign: { id: campaigns.id, title: campaigns.title },
      session: { id: sessions.id, startsAt: sessions.startsAt, venue: sessions.venue },
      slot: { id: slots.id, role: slots.role },
    })
    .from(registrationGroups)
    .innerJoin(slots, eq(slots.id, registrationGroups.slotId))
    .innerJoin(sessions, eq(sessions.id, slots.sessionId))
    .innerJoin(campaigns, eq(campaigns.id, sessions.campaignId))
    .where(eq(registrationGroups.contactPersonId, personId))
    .orderBy(sql`${registrationGroups.createdAt} DESC`)
    .limit(100);
}

/** A campaign's groups for its organizers, by session time; with `groupId`, just that one. */
export async function listCampaignGroups(db: Database, campaignId: string, groupId?: string) {
  return db
    .select({
      id: registrationGroups.id,
      code: registrationGroups.code,
      organization: registrationGroups.organization,
      contactName: registrationGroups.contactName,
      seats: registrationGroups.seats,
      joined: joinedOf(sql.raw('"registration_groups"."id"')),
      joinUntil: registrationGroups.joinUntil,
      status: registrationGroups.status,
      session: { id: sessions.id, startsAt: sessions.startsAt, venue: sessions.venue },
      slot: { id: slots.id, role: slots.role },
    })
    .from(registrationGroups)
    .innerJoin(slots, eq(slots.id, registrationGroups.slotId))
    .innerJoin(sessions, eq(sessions.id, slots.sessionId))
    .where(
      and(eq(sessions.campaignId, campaignId), groupId === undefined ? undefined : eq(registrationGroups.id, groupId)),
    )
    .orderBy(asc(sessions.startsAt), asc(registrationGroups.createdAt), asc(registrationGroups.id));
}

/** The group with its campaign's organization, for an organizer's access check. */
export async function getGroupOwner(db: Database, groupId: string) {
  return db
    .select({
      id: registrationGroups.id,
      slotId: registrationGroups.slotId,
      campaignId: campaigns.id,
      organizationId: campaigns.organizationId,
    })
    .from(registrationGroups)
    .innerJoin(slots, eq(slots.id, registrationGroups.slotId))
    .innerJoin(sessions, eq(sessions.id, slots.sessionId))
    .innerJoin(campaigns, eq(campaigns.id, sessions.campaignId))
    .where(eq(registrationGroups.id, groupId))
    .get();
}

export type GroupChangeResult = { outcome: 'changed' } | { outcome: 'closed' | 'slot_full' | 'seats_below_joined' };

/**
 * An organizer's change to an open group: its seats (no per-contact cap; a raise needs that many
 * free seats, nobody waiting; never below the members who joined) and when joining closes. Seats
 * given back go to the waiting list in the same batch, with the audit entry (each person moved up
 * is texted: db/waiting-list.ts).
 */
export async function changeGroup(
  db: Database,
  group: { id: string; slotId: string },
  change: { seats?: number; joinUntil?: Date },
  audit: AuditEntry,
): Promise<GroupChangeResult> {
  const seats = change.seats ?? null;
  const joinUntil = change.joinUntil?.getTime() ?? null;
  const [updated] = await batch<[{ id: string }[], ...unknown[][]]>(db, [
    sql`UPDATE registration_groups
        SET seats = coalesce(${seats}, seats), join_until = coalesce(${joinUntil}, join_until)
        WHERE id = ${group.id} AND status = 'open'
          AND (${seats} IS NULL OR (${seats} >= ${joinedOf(sql`${group.id}`)} AND (${seats} <= seats OR (
            ${seats} - seats
              <= (SELECT capacity FROM slots WHERE id = ${group.slotId}) - ${seatsTaken(sql`${group.slotId}`)}
            AND NOT EXISTS (SELECT 1 FROM registrations WHERE slot_id = ${group.slotId} AND status = 'waitlisted')))))
        RETURNING id`,
    auditStatement(audit, Date.now(), sql`changes() = 1`),
    ...promoteWaiting(group.slotId),
  ]);
  if (updated.length === 1) return { outcome: 'changed' };
  const [now] = await db.all<{ status: string; joined: number }>(
    sql`SELECT status, ${joinedOf(sql`${group.id}`)} AS joined FROM registration_groups WHERE id = ${group.id}`,
  );
  if (now?.status !== 'open') return { outcome: 'closed' };
  return { outcome: seats !== null && seats < now.joined ? 'seats_below_joined' : 'slot_full' };
}

/** Groups per D1 batch, well inside D1's limits. */
const GROUPS_PER_BATCH = 30;
/** A group's close, its audit entry, and the promotion's notifications and UPDATE (the close comes first). */
const STATEMENTS_PER_GROUP = 4;

/**
 * Closes every open group whose joining time has passed: the seats no member claimed return to the
 * slot and the waiting list moves up into them, each group's close, audit entry (staff: none) and
 * promotion with its notifications in one batch. The UPDATE re-checks the time and status, so an
 * organizer's late change of `joinUntil` or a repeated run holds. Returns the groups closed.
 */
export async function releaseDueGroups(db: Database, now: number) {
  const due = await db.all<{ id: string; slotId: string; organizationId: string; seats: number; joined: number }>(
    sql`SELECT g.id, g.slot_id AS slotId, c.organization_id AS organizationId, g.seats, ${joinedOf(sql`g.id`)} AS joined
        FROM registration_groups g JOIN slots s ON s.id = g.slot_id
        JOIN sessions se ON se.id = s.session_id JOIN campaigns c ON c.id = se.campaign_id
        WHERE g.status = 'open' AND g.join_until <= ${now}`,
  );
  let closed = 0;
  for (let i = 0; i < due.length; i += GROUPS_PER_BATCH) {
    const results = await batch<unknown[][]>(
      db,
      due.slice(i, i + GROUPS_PER_BATCH).flatMap((group) => [
        sql`UPDATE registration_groups SET status = 'closed', closed_at = ${now}
            WHERE id = ${group.id} AND status = 'open' AND join_until <= ${now} RETURNING id`,
        auditStatement(
          {
            staffId: null,
            organizationId: group.organizationId,
            action: 'group.release',
            targetType: 'group',
            targetId: group.id,
            detail: { seats: group.seats, joined: group.joined, released: Math.max(0, group.seats - group.joined) },
          },
          now,
          sql`changes() = 1`,
        ),
        ...promoteWaiting(group.slotId),
      ]),
    );
    closed += results
      .filter((_, index) => index % STATEMENTS_PER_GROUP === 0)
      .reduce((sum, rows) => sum + rows.length, 0);
  }
  return closed;
}
