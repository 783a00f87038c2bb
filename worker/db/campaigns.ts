// Reading campaigns for the public: published only, with seats taken and left per slot.
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { campaigns, organizations, sessions, slots } from './schema.ts';

export type CampaignKind = (typeof campaigns.kind.enumValues)[number];
export const campaignKinds = campaigns.kind.enumValues;

export async function listPublishedCampaigns(db: Database, options: { kind?: CampaignKind; endingOnOrAfter: string }) {
  return db
    .select({
      id: campaigns.id,
      kind: campaigns.kind,
      title: campaigns.title,
      summary: campaigns.summary,
      startsOn: campaigns.startsOn,
      endsOn: campaigns.endsOn,
      organization: { id: organizations.id, name: organizations.name },
    })
    .from(campaigns)
    .innerJoin(organizations, eq(organizations.id, campaigns.organizationId))
    .where(
      and(
        eq(campaigns.status, 'published'),
        gte(campaigns.endsOn, options.endingOnOrAfter),
        options.kind ? eq(campaigns.kind, options.kind) : undefined,
      ),
    )
    .orderBy(asc(campaigns.startsOn), asc(campaigns.title))
    .limit(200)
    .all();
}

// Written out in full: drizzle would render the outer `slots.id` unqualified inside a subquery.
const seatsTaken = sql<number>`(SELECT count(*) FROM registrations AS r
  WHERE r.slot_id = "slots"."id" AND r.status IN ('confirmed', 'checked_in'))`;
const peopleWaiting = sql<number>`(SELECT count(*) FROM registrations AS r
  WHERE r.slot_id = "slots"."id" AND r.status = 'waitlisted')`;

/** A published campaign with its sessions and slots, or undefined. */
export async function getPublishedCampaign(db: Database, id: string) {
  const campaign = await db
    .select({
      id: campaigns.id,
      kind: campaigns.kind,
      title: campaigns.title,
      summary: campaigns.summary,
      description: campaigns.description,
      startsOn: campaigns.startsOn,
      endsOn: campaigns.endsOn,
      eligibility: campaigns.eligibility,
      questions: campaigns.questions,
      organization: { id: organizations.id, name: organizations.name },
    })
    .from(campaigns)
    .innerJoin(organizations, eq(organizations.id, campaigns.organizationId))
    .where(and(eq(campaigns.id, id), eq(campaigns.status, 'published')))
    .get();
  if (!campaign) return undefined;

  // One round trip for both; no joins here, since a D1 batch maps columns by name.
  const [campaignSessions, sessionSlots] = await db.batch([
    db.select().from(sessions).where(eq(sessions.campaignId, id)).orderBy(asc(sessions.startsAt)),
    db
      .select({
        id: slots.id,
        sessionId: slots.sessionId,
        role: slots.role,
        capacity: slots.capacity,
        waitlist: slots.waitlist,
        taken: seatsTaken,
        waiting: peopleWaiting,
      })
      .from(slots)
      .where(inArray(slots.sessionId, db.select({ id: sessions.id }).from(sessions).where(eq(sessions.campaignId, id))))
      .orderBy(asc(slots.createdAt), asc(slots.id)),
  ]);
  return {
    ...campaign,
    sessions: campaignSessions.map((session) => ({
      ...session,
      slots: sessionSlots.filter((slot) => slot.sessionId === session.id),
    })),
  };
}
