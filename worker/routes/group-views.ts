// How a group (团体) looks in API answers: to its contact, to a member holding the invitation link,
// and to organizers. Names of members reach only the contact and organizers; phones reach no one.
import type { findGroupByCode, listCampaignGroups, listContactGroups } from '../db/registration-groups.ts';
import { toChinaIso } from '../domain/china-time.ts';

interface GroupCounts {
  id: string;
  code: string;
  seats: number;
  joined: number;
  joinUntil: Date;
  status: 'open' | 'closed';
}

export const groupView = (group: GroupCounts) => ({
  id: group.id,
  code: group.code,
  seats: group.seats,
  joined: group.joined,
  joinUntil: toChinaIso(group.joinUntil),
  status: group.status,
});

type Invitation = NonNullable<Awaited<ReturnType<typeof findGroupByCode>>>;

/** What the invitation link shows anyone: the group's drive, time, place and seats; nobody's name. */
export const invitationView = (group: Invitation) => ({
  code: group.code,
  organization: group.organization,
  seats: group.seats,
  joined: group.joined,
  joinUntil: toChinaIso(group.joinUntil),
  status: group.status,
  campaign: { id: group.campaign.id, title: group.campaign.title, kind: group.campaign.kind },
  session: {
    id: group.session.id,
    startsAt: toChinaIso(group.session.startsAt),
    endsAt: toChinaIso(group.session.endsAt),
    venue: group.session.venue,
    address: group.session.address,
  },
  slot: { id: group.slot.id, role: group.slot.role },
});

type ContactGroup = Awaited<ReturnType<typeof listContactGroups>>[number];

export const contactGroupView = (group: ContactGroup) => ({
  ...groupView(group),
  organization: group.organization,
  campaign: group.campaign,
  session: { ...group.session, startsAt: toChinaIso(group.session.startsAt) },
  slot: group.slot,
});

type CampaignGroup = Awaited<ReturnType<typeof listCampaignGroups>>[number];

export const campaignGroupView = (group: CampaignGroup) => ({
  ...groupView(group),
  organization: group.organization,
  contactName: group.contactName,
  session: { ...group.session, startsAt: toChinaIso(group.session.startsAt) },
  slot: group.slot,
});
