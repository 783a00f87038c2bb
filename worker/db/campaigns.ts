// Campaigns with their sessions and slots, seats taken and left; and the organizers' writes.
import { and, asc, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import { auditStatement, type AuditEntry } from './audit.ts';
import { derivedId } from '../lib/idempotency.ts';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import { campaigns, organizations, quizSeasons, registrations, sessions, slots } from './schema.ts';
import { heldSeats, seatsTaken, takesASeat } from './seats.ts';

export type CampaignKind = (typeof campaigns.kind.enumValues)[number];
export const campaignKinds = campaigns.kind.enumValues;

// Written out in full: drizzle would render the outer `slots.id` unqualified inside a subquery.
const slotTaken = sql<number>`${seatsTaken(sql.raw('"slots"."id"'))}`;
const slotHeld = sql<number>`${heldSeats(sql.raw('"slots"."id"'))}`;
const peopleWaiting = sql<number>`(SELECT count(*) FROM registrations AS r
  WHERE r.slot_id = "slots"."id" AND r.status = 'waitlisted')`;

/** Which campaigns a reader may see: the public sees published ones, staff their organization's. */
export type CampaignScope = { published: true } | { organizationId: string | null };

export const inScope = (scope: CampaignScope) =>
  'published' in scope
    ? eq(campaigns.status, 'published')
    : scope.organizationId === null
      ? undefined // a platform admin
      : eq(campaigns.organizationId, scope.organizationId);

/** The public no longer sees a cancelled session; its organizers still do (with `cancelledAt`). */
const shownSessions = (scope: CampaignScope) => ('published' in scope ? isNull(sessions.cancelledAt) : undefined);

/**
 * A campaign with its sessions and slots, or undefined when it does not exist in this scope. One
 * round trip: the three reads go in one batch, whose rows D1 hands back by column name, so the
 * ids and dates of the joined tables are read under names of their own. (The season keeps its
 * `id` column: drizzle gives a left join's missing row as null by its columns.)
 */
export async function getCampaign(db: Database, id: string, scope: CampaignScope) {
  const shown = and(eq(sessions.campaignId, id), shownSessions(scope));
  const shownSlots = db
    .select({ id: slots.id })
    .from(slots)
    .where(inArray(slots.sessionId, db.select({ id: sessions.id }).from(sessions).where(shown)));
  const [found, campaignSessions, sessionSlots, windowsTaken] = await db.batch([
    db
      .select({
        id: sql<string>`${campaigns.id}`.as('campaign_key'),
        kind: campaigns.kind,
        title: campaigns.title,
        summary: campaigns.summary,
        description: campaigns.description,
        startsOn: campaigns.startsOn,
        endsOn: campaigns.endsOn,
        status: campaigns.status,
        eligibility: campaigns.eligibility,
        questions: campaigns.questions,
        autoNoShow: campaigns.autoNoShow,
        organization: { id: sql<string>`${organizations.id}`.as('organization_key'), name: organizations.name },
        // A quiz campaign's season (null for other kinds, and before one is set up).
        season: {
          id: quizSeasons.id,
          startsOn: sql<string>`${quizSeasons.startsOn}`.as('season_starts_on'),
          endsOn: sql<string>`${quizSeasons.endsOn}`.as('season_ends_on'),
        },
      })
      .from(campaigns)
      .innerJoin(organizations, eq(organizations.id, campaigns.organizationId))
      .leftJoin(quizSeasons, eq(quizSeasons.campaignId, campaigns.id))
      .where(and(eq(campaigns.id, id), inScope(scope))),
    db.select().from(sessions).where(shown).orderBy(asc(sessions.startsAt)),
    db
      .select({
        id: slots.id,
        sessionId: slots.sessionId,
        role: slots.role,
        capacity: slots.capacity,
        waitlist: slots.waitlist,
        taken: slotTaken,
        held: slotHeld,
        waiting: peopleWaiting,
      })
      .from(slots)
      .where(inArray(slots.sessionId, db.select({ id: sessions.id }).from(sessions).where(shown)))
      .orderBy(asc(slots.sortOrder), asc(slots.createdAt), asc(slots.id)),
    // Seats taken per appointment window, for the sessions that have windows.
    db
      .select({
        slotId: sql<string>`${registrations.slotId}`.as('window_slot_id'),
        index: sql<number>`${registrations.windowIndex}`.as('window_index'),
        taken: sql<number>`count(*)`.as('window_taken'),
      })
      .from(registrations)
      .where(
        and(
          inArray(registrations.slotId, shownSlots),
          sql`${registrations.windowIndex} IS NOT NULL AND ${takesASeat('"registrations"')}`,
        ),
      )
      .groupBy(registrations.slotId, registrations.windowIndex),
  ]);
  const campaign = found[0];
  if (!campaign) return undefined;
  return {
    ...campaign,
    sessions: campaignSessions.map((session) => ({
      ...session,
      slots: sessionSlots
        .filter((slot) => slot.sessionId === session.id)
        .map((slot) => ({
          ...slot,
          windowsTaken: new Map(
            windowsTaken.filter((row) => row.slotId === slot.id).map((row) => [row.index, row.taken]),
          ),
        })),
    })),
  };
}

export type NewCampaign = Omit<typeof campaigns.$inferInsert, 'id' | 'createdAt'>;
export type CampaignChanges = Partial<Omit<NewCampaign, 'organizationId' | 'kind'>>;

/**
 * Creates the campaign and its audit entry in one batch: never one without the other. An id that
 * exists already (a keyed request sent again) creates and logs nothing.
 */
export async function createCampaign(
  db: Database,
  values: NewCampaign,
  audit: AuditEntry,
  id: string = crypto.randomUUID(),
) {
  await batch(db, [
    db
      .insert(campaigns)
      .values({ id, ...values })
      .onConflictDoNothing()
      .getSQL(),
    auditStatement({ ...audit, targetType: 'campaign', targetId: id }, Date.now(), sql`changes() = 1`),
  ]);
  return id;
}

/**
 * Applies the changes when the campaign is in scope and its dates stay in order as they are when
 * written (two edits racing, one of each date, cannot cross them); false otherwise.
 */
export async function updateCampaign(
  db: Database,
  id: string,
  scope: CampaignScope,
  changes: CampaignChanges,
  audit: AuditEntry,
) {
  const startsOn = changes.startsOn ?? sql`${campaigns.startsOn}`;
  const endsOn = changes.endsOn ?? sql`${campaigns.endsOn}`;
  // An edit that changes nothing still says whether the campaign is there: drizzle refuses an empty SET.
  const set = Object.keys(changes).length > 0 ? changes : { id: sql`${campaigns.id}` };
  const [updated] = await batch<[{ id: string }[], []]>(db, [
    db
      .update(campaigns)
      .set(set)
      .where(and(eq(campaigns.id, id), inScope(scope), sql`${startsOn} <= ${endsOn}`))
      .returning({ id: campaigns.id })
      .getSQL(),
    auditStatement(audit, Date.now(), sql`changes() = 1`),
  ]);
  return updated.length === 1;
}

const listColumns = {
  id: campaigns.id,
  kind: campaigns.kind,
  title: campaigns.title,
  summary: campaigns.summary,
  status: campaigns.status,
  startsOn: campaigns.startsOn,
  endsOn: campaigns.endsOn,
  organization: { id: organizations.id, name: organizations.name },
};

/** Campaigns of the organizers' scope, every status, latest first. */
export async function listCampaigns(
  db: Database,
  scope: CampaignScope,
  filter: { status?: (typeof campaigns.status.enumValues)[number]; kind?: CampaignKind },
) {
  return db
    .select(listColumns)
    .from(campaigns)
    .innerJoin(organizations, eq(organizations.id, campaigns.organizationId))
    .where(
      and(
        inScope(scope),
        filter.status ? eq(campaigns.status, filter.status) : undefined,
        filter.kind ? eq(campaigns.kind, filter.kind) : undefined,
      ),
    )
    .orderBy(desc(campaigns.startsOn), asc(campaigns.title))
    .limit(500)
    .all();
}

interface NextSession {
  startsAt: Date;
  endsAt: Date;
  venue: string;
}

interface UpcomingSeats {
  /** Sessions not yet started. */
  sessions: number;
  /** Seats left over all their slots. */
  remaining: number;
  /** Some slot of theirs keeps a waiting list. */
  waitlist: boolean;
}

/**
 * The list's cards show the next session and the seats left, computed in the list's own
 * statement: per campaign, by index (sessions_by_campaign, slots_by_session,
 * registrations_by_slot_status) over its sessions not yet started.
 */
const nextSessionOf = (now: Date) =>
  sql<string | null>`(SELECT json_object('startsAt', s.starts_at, 'endsAt', s.ends_at, 'venue', s.venue)
    FROM sessions AS s
    WHERE s.campaign_id = "campaigns"."id" AND s.starts_at > ${now.getTime()} AND s.cancelled_at IS NULL
    ORDER BY s.starts_at, s.id LIMIT 1)`.mapWith((text: string | null): NextSession | null => {
    if (text === null) return null;
    const session = JSON.parse(text) as { startsAt: number; endsAt: number; venue: string };
    return { startsAt: new Date(session.startsAt), endsAt: new Date(session.endsAt), venue: session.venue };
  });

const upcomingSeatsOf = (now: Date) =>
  sql<string>`(SELECT json_object(
      'sessions', count(DISTINCT s.id),
      'remaining', coalesce(sum(max(0, sl.capacity - ${seatsTaken(sql`sl.id`)})), 0),
      'waitlist', coalesce(max(sl.waitlist), 0))
    FROM sessions AS s LEFT JOIN slots AS sl ON sl.session_id = s.id
    WHERE s.campaign_id = "campaigns"."id" AND s.starts_at > ${now.getTime()} AND s.cancelled_at IS NULL)`.mapWith(
    (text: string): UpcomingSeats => {
      const seats = JSON.parse(text) as { sessions: number; remaining: number; waitlist: number };
      return { sessions: seats.sessions, remaining: seats.remaining, waitlist: seats.waitlist === 1 };
    },
  );

/** Published campaigns not ended by `today`, soonest first, each with its next session and seats left. */
export async function listPublishedCampaigns(db: Database, filter: { kind?: CampaignKind; today: string; now: Date }) {
  return db
    .select({ ...listColumns, nextSession: nextSessionOf(filter.now), upcoming: upcomingSeatsOf(filter.now) })
    .from(campaigns)
    .innerJoin(organizations, eq(organizations.id, campaigns.organizationId))
    .where(
      and(
        eq(campaigns.status, 'published'),
        filter.kind ? eq(campaigns.kind, filter.kind) : undefined,
        gte(campaigns.endsOn, filter.today),
      ),
    )
    .orderBy(asc(campaigns.startsOn), asc(campaigns.title))
    .limit(500)
    .all();
}

export interface NewSession {
  startsAt: Date;
  endsAt: Date;
  venue: string;
  address: string;
  windowMinutes?: number;
  slots: { role: string; capacity: number; waitlist: boolean }[];
}

/** Adds a session and its slots together (one batch); returns the ids. */
export async function createSession(
  db: Database,
  campaignId: string,
  session: NewSession,
  audit: AuditEntry,
  sessionId: string = crypto.randomUUID(),
) {
  // Slot ids follow from the session's, so a keyed request sent again inserts the same rows, which are ignored.
  const slotRows = await Promise.all(
    session.slots.map(async (slot, index) => ({
      id: await derivedId(sessionId, String(index)),
      sessionId,
      sortOrder: index,
      ...slot,
    })),
  );
  await batch(db, [
    db
      .insert(sessions)
      .values({
        id: sessionId,
        campaignId,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        venue: session.venue,
        address: session.address,
        windowMinutes: session.windowMinutes ?? null,
      })
      .onConflictDoNothing()
      .getSQL(),
    db.insert(slots).values(slotRows).onConflictDoNothing().getSQL(),
    auditStatement({ ...audit, targetType: 'session', targetId: sessionId }, Date.now(), sql`changes() > 0`),
  ]);
  return { sessionId, slotIds: slotRows.map((slot) => slot.id) };
}

/** The campaign's identity and own questions, without its sessions: what rosters and stats need. */
export function campaignSummary(db: Database, id: string, scope: CampaignScope) {
  return db
    .select({
      id: campaigns.id,
      kind: campaigns.kind,
      title: campaigns.title,
      questions: campaigns.questions,
      organizationId: campaigns.organizationId,
    })
    .from(campaigns)
    .where(and(eq(campaigns.id, id), inScope(scope)))
    .get();
}
