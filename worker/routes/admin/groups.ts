// Organizers and groups (团体): a campaign's groups with seats and who joined, seats organizers hold
// for a group themselves (a company that called the blood centre: no citizen contact, only the
// group's name; they pass the invitation on), and an organizer's change to a group's hold (more
// seats than a citizen may hold, or a later or earlier close).
import { Hono } from 'hono';
import * as v from 'valibot';
import { byStaff } from '../../db/audit.ts';
import { campaignSummary } from '../../db/campaigns.ts';
import { changeGroup, getGroupOwner, holdSeats, listCampaignGroups } from '../../db/registration-groups.ts';
import { findSlotForSignUp } from '../../db/registrations.ts';
import { defaultJoinUntil } from '../../domain/group-joining.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff } from '../../lib/auth.ts';
import { ApiError, notFound } from '../../lib/errors.ts';
import { canReach, staffScope } from '../../lib/scope.ts';
import { json, param } from '../../lib/validation.ts';
import { campaignGroupView } from '../group-views.ts';
import { idParam, instant, recordId, groupName } from '../schemas.ts';
import { refuseClosedSlot } from '../sign-ups.ts';

const seatCount = v.pipe(v.number(), v.integer(), v.maxValue(100_000));

const organizersHold = v.object({
  slotId: recordId,
  organization: groupName,
  seats: v.pipe(seatCount, v.minValue(1)),
});

const groupChange = v.pipe(
  v.object({
    seats: v.optional(v.pipe(seatCount, v.minValue(0))),
    joinUntil: v.optional(instant),
  }),
  v.check((change) => change.seats !== undefined || change.joinUntil !== undefined, 'nothing_to_change'),
);

export const adminCampaignGroupRoutes = new Hono<AppEnv>()
  .get('/:id/groups', requireStaff('admin', 'organizer'), param(idParam), async (c) => {
    const db = c.var.db;
    const campaign = await campaignSummary(db, c.req.valid('param').id, staffScope(c.var.staff));
    if (!campaign) throw notFound();
    const groups = await listCampaignGroups(db, campaign.id);
    return c.json({ items: groups.map(campaignGroupView) }, 200);
  })
  .post('/:id/groups', requireStaff('admin', 'organizer'), param(idParam), ...json(organizersHold), async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const staff = c.var.staff;
    const db = c.var.db;
    const slot = await findSlotForSignUp(db, input.slotId);
    // A slot of another campaign, or of another organization's, is not there to hold.
    if (!slot || slot.campaign.id !== id || !canReach(staff, slot.campaign.organizationId)) throw notFound();
    // A draft campaign's groups may be held ahead: the invitation opens when it is published.
    refuseClosedSlot(slot);
    const result = await holdSeats(
      db,
      {
        slotId: input.slotId,
        contact: null,
        organization: input.organization,
        seats: input.seats,
        joinUntil: defaultJoinUntil(slot.session.startsAt, Date.now()),
      },
      (groupId) =>
        byStaff(
          staff,
          slot.campaign.organizationId,
          'group.hold',
          { type: 'group', id: groupId },
          { seats: input.seats },
        ),
    );
    if (result.outcome !== 'held') throw new ApiError(409, result.outcome);
    const [held] = await listCampaignGroups(db, id, result.id);
    return c.json({ group: campaignGroupView(held!) }, 201);
  });

export const adminGroupRoutes = new Hono<AppEnv>().patch(
  '/:id',
  requireStaff('admin', 'organizer'),
  param(idParam),
  ...json(groupChange),
  async (c) => {
    const { id } = c.req.valid('param');
    const db = c.var.db;
    const group = await getGroupOwner(db, id);
    if (!group || !canReach(c.var.staff, group.organizationId)) throw notFound();

    const change = c.req.valid('json');
    const audit = byStaff(
      c.var.staff,
      group.organizationId,
      'group.update',
      { type: 'group', id },
      { seats: change.seats ?? null, joinUntil: change.joinUntil?.getTime() ?? null },
    );
    const result = await changeGroup(db, group, change, audit);
    if (result.outcome === 'closed') throw new ApiError(409, 'group_closed');
    if (result.outcome !== 'changed') throw new ApiError(409, result.outcome);
    const [updated] = await listCampaignGroups(db, group.campaignId, id);
    return c.json({ group: campaignGroupView(updated!) }, 200);
  },
);
