// How campaigns, sessions and slots look in API answers, for the public and for organizers.
import type { getCampaign, listPublishedCampaigns } from '../db/campaigns.ts';
import { toChinaIso } from '../domain/china-time.ts';
import { rulesFor } from '../domain/eligibility.ts';
import {
  windowCapacity,
  windowCount,
  windowEnd,
  windowStart,
  windowTimes,
  type WindowedSession,
} from '../domain/windows.ts';

type CampaignDetail = NonNullable<Awaited<ReturnType<typeof getCampaign>>>;
type SlotRow = CampaignDetail['sessions'][number]['slots'][number];
type SessionRow = Omit<CampaignDetail['sessions'][number], 'slots'>;

/** A registration's appointment window (null when its session has none): when to come. */
export function windowView(session: WindowedSession, index: number | null) {
  const times = windowTimes(session, index);
  return times && { startsAt: toChinaIso(times.startsAt), endsAt: toChinaIso(times.endsAt) };
}

/**
 * A session's appointment windows for one slot: when, the window's seats, and those left (never
 * more than the slot's).
 */
function windowsView(slot: SlotRow, session: SessionRow) {
  const count = windowCount(session);
  const slotRemaining = Math.max(0, slot.capacity - slot.taken);
  return Array.from({ length: count }, (_, index) => {
    const capacity = windowCapacity(slot.capacity, count, index);
    const taken = slot.windowsTaken.get(index) ?? 0;
    return {
      startsAt: toChinaIso(windowStart(session, index)),
      endsAt: toChinaIso(windowEnd(session, index)),
      capacity,
      remaining: Math.max(0, Math.min(capacity - taken, slotRemaining)),
    };
  });
}

export const slotView = (slot: SlotRow, session: SessionRow) => ({
  id: slot.id,
  role: slot.role,
  capacity: slot.capacity,
  // Seats held for groups count as taken; `held` says how many of them nobody has claimed yet.
  taken: slot.taken,
  held: slot.held,
  remaining: Math.max(0, slot.capacity - slot.taken),
  // A slot of a session with windows keeps no waiting list: a full window is refused (409 window_full).
  waitlist: slot.waitlist && session.windowMinutes === null,
  waiting: slot.waiting,
  ...(session.windowMinutes !== null && { windows: windowsView(slot, session) }),
});

export const sessionView = (session: SessionRow) => ({
  id: session.id,
  startsAt: toChinaIso(session.startsAt),
  endsAt: toChinaIso(session.endsAt),
  venue: session.venue,
  address: session.address,
  ...(session.windowMinutes !== null && { windowMinutes: session.windowMinutes }),
  // Only organizers see a cancelled session: the public list leaves it out.
  ...(session.cancelledAt && { cancelledAt: toChinaIso(session.cancelledAt) }),
});

/** The campaign with its effective eligibility rules (blood drives: the donor rules by default). */
export const campaignView = ({ sessions, season, ...campaign }: CampaignDetail) => ({
  ...campaign,
  ...(season && { season }),
  eligibility: rulesFor(campaign.kind, campaign.eligibility),
  sessions: sessions.map(({ slots, ...session }) => ({
    ...sessionView(session),
    slots: slots.map((slot) => slotView(slot, session)),
  })),
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
