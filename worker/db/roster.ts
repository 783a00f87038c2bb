// A campaign's roster: every registration with who, where and what they answered, read slot by slot
// in arrival order. Each slot is one index range (registrations_arrival_in_slot), so a page or an
// export chunk costs the rows it returns, never a sort over the whole campaign.
import { and, asc, count, eq, gt, inArray } from 'drizzle-orm';
import type { Database } from './client.ts';
import { donations, people, registrationGroups, registrations, sessions, slots } from './schema.ts';
import type { RegistrationStatus } from './registrations.ts';

export interface RosterFilter {
  status?: RegistrationStatus;
  sessionId?: string;
}

/** Where a page ended: the last row's slot and arrival number. */
export interface RosterPosition {
  slotId: string;
  arrival: number;
}

/** The campaign's slots in roster order: by session time, then as the organizer listed them. */
export function rosterSlots(db: Database, campaignId: string, sessionId?: string) {
  return db
    .select({
      id: slots.id,
      role: slots.role,
      sessionId: sessions.id,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      windowMinutes: sessions.windowMinutes,
      venue: sessions.venue,
    })
    .from(slots)
    .innerJoin(sessions, eq(sessions.id, slots.sessionId))
    .where(and(eq(sessions.campaignId, campaignId), sessionId === undefined ? undefined : eq(sessions.id, sessionId)))
    .orderBy(asc(sessions.startsAt), asc(sessions.id), asc(slots.sortOrder), asc(slots.createdAt), asc(slots.id));
}

export type RosterSlot = Awaited<ReturnType<typeof rosterSlots>>[number];

/** One slot's registrations after an arrival number, in arrival order. */
function slotRows(
  db: Database,
  slotId: string,
  status: RegistrationStatus | undefined,
  afterArrival: number,
  limit: number,
) {
  return db
    .select({
      id: registrations.id,
      code: registrations.code,
      status: registrations.status,
      name: registrations.name,
      answers: registrations.answers,
      idNumberEncrypted: registrations.idNumberEncrypted,
      arrival: registrations.arrival,
      createdAt: registrations.createdAt,
      checkedInAt: registrations.checkedInAt,
      checkedOutAt: registrations.checkedOutAt,
      cancelledAt: registrations.cancelledAt,
      windowIndex: registrations.windowIndex,
      phone: people.phone,
      bloodType: people.bloodType,
      rhD: people.rhD,
      birthYear: people.birthYear,
      group: { id: registrationGroups.id, organization: registrationGroups.organization },
      // The donation recorded at the desk, so that a wrongly recorded one can be removed from the roster.
      donation: { kind: donations.kind, volumeMl: donations.volumeMl, day: donations.day },
    })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .leftJoin(registrationGroups, eq(registrationGroups.id, registrations.groupId))
    .leftJoin(donations, eq(donations.registrationId, registrations.id))
    .where(
      and(
        eq(registrations.slotId, slotId),
        status === undefined ? undefined : eq(registrations.status, status),
        gt(registrations.arrival, afterArrival),
      ),
    )
    .orderBy(asc(registrations.arrival))
    .limit(limit);
}

export type RosterRow = Awaited<ReturnType<typeof slotRows>>[number] & { slot: RosterSlot };

/**
 * Up to `limit` rows after `after` (from the start without it), and where the next page starts.
 * Returns null when `after` names a slot that is not in this roster (a stale or foreign cursor).
 */
export async function rosterPage(
  db: Database,
  roster: RosterSlot[],
  status: RegistrationStatus | undefined,
  after: RosterPosition | undefined,
  limit: number,
): Promise<{ rows: RosterRow[]; next: RosterPosition | null } | null> {
  let index = 0;
  if (after) {
    index = roster.findIndex((slot) => slot.id === after.slotId);
    if (index < 0) return null;
  }
  const rows: RosterRow[] = [];
  for (; index < roster.length && rows.length <= limit; index++) {
    const slot = roster[index]!;
    const afterArrival = after && slot.id === after.slotId ? after.arrival : 0;
    // One row more than the page holds tells whether another page follows.
    const found = await slotRows(db, slot.id, status, afterArrival, limit + 1 - rows.length);
    rows.push(...found.map((row) => ({ ...row, slot })));
  }
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { slotId: last.slot.id, arrival: last.arrival } : null };
}

/** Every row of the roster, read in chunks so that a 50,000-row export never sits in memory whole. */
export async function* rosterRows(
  db: Database,
  roster: RosterSlot[],
  status: RegistrationStatus | undefined,
  chunk = 1000,
) {
  let after: RosterPosition | undefined;
  do {
    const page = (await rosterPage(db, roster, status, after, chunk))!;
    yield* page.rows;
    after = page.next ?? undefined;
  } while (after);
}

/** How many rows an export of the roster will hold. */
export async function rosterSize(db: Database, campaignId: string, filter: RosterFilter) {
  const campaignSlots = db
    .select({ id: slots.id })
    .from(slots)
    .innerJoin(sessions, eq(sessions.id, slots.sessionId))
    .where(
      and(
        eq(sessions.campaignId, campaignId),
        filter.sessionId === undefined ? undefined : eq(sessions.id, filter.sessionId),
      ),
    );
  const [row] = await db
    .select({ rows: count() })
    .from(registrations)
    .where(
      and(
        inArray(registrations.slotId, campaignSlots),
        filter.status === undefined ? undefined : eq(registrations.status, filter.status),
      ),
    );
  return row?.rows ?? 0;
}
