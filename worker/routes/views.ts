// How campaigns, sessions and slots look in API answers, for the public and for organizers.
import type { getCampaign, listPublishedCampaigns } from '../db/campaigns.ts';
import { toChinaIso } from '../domain/china-time.ts';
import { rulesFor } from '../domain/eligibility.ts';

type CampaignDetail = NonNullable<Awaited<ReturnType<typeof getCampaign>>>;
type SlotRow = CampaignDetail['sessions'][number]['slots'][number];
type SessionRow = Omit<CampaignDetail['sessions'][number], 'slots'>;

export const slotView = (slot: SlotRow) => ({
  id: slot.id,
  role: slot.role,
  capacity: slot.capacity,
  // Seats held for teams count as taken; `held` says how many of them nobody has claimed yet.
  taken: slot.taken,
  held: slot.held,
  remaining: Math.max(0, slot.capacity - slot.taken),
  waitlist: slot.waitlist,
  waiting: slot.waiting,
});

export const sessionView = (session: SessionRow) => ({
  id: session.id,
  startsAt: toChinaIso(session.startsAt),
  endsAt: toChinaIso(session.endsAt),
  venue: session.venue,
  address: session.address,
  // Only organizers see a cancelled session: the public list leaves it out.
  ...(session.cancelledAt && { cancelledAt: toChinaIso(session.cancelledAt) }),
});

/** The campaign with its effective eligibility rules (blood drives: the donor rules by default). */
export const campaignView = ({ sessions, season, ...campaign }: CampaignDetail) => ({
  ...campaign,
  ...(season && { season }),
  eligibility: rulesFor(campaign.kind, campaign.eligibility),
  sessions: sessions.map(({ slots, ...session }) => ({ ...sessionView(session), slots: slots.map(slotView) })),
});

type CampaignListRow = Awaited<ReturnType<typeof listPublishedCampaigns>>[number];

/** A card of the public list: the campaign, its next session, and the seats left in sessions not yet started. */
export const campaignListItemView = ({ nextSession, upcoming, ...campaign }: CampaignListRow) => ({
  ...campaign,
  nextSession: nextSession && {
    startsAt: toChinaIso(nextSession.startsAt),
    endsAt: toChinaIso(nextSession.endsAt),
    venue: nextSession.venue,
  },
  upcomingSessions: upcoming.sessions,
  remaining: upcoming.remaining,
  waitlist: upcoming.waitlist,
});
