// Organizers and teams (团体): a campaign's teams with seats and who joined, and an organizer's
// change to a team's hold (more seats than a citizen may hold, or a later or earlier close).
import { Hono } from 'hono';
import * as v from 'valibot';
import { byStaff } from '../../db/audit.ts';
import { campaignSummary } from '../../db/campaigns.ts';
import { database } from '../../db/client.ts';
import { changeGroup, getGroupOwner, listCampaignGroups } from '../../db/registration-groups.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff } from '../../lib/auth.ts';
import { ApiError, notFound } from '../../lib/errors.ts';
import { canReach, staffScope } from '../../lib/scope.ts';
import { json, param } from '../../lib/validation.ts';
import { campaignGroupView } from '../group-views.ts';
import { instant } from '../schemas.ts';

const idParam = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });

const groupChange = v.pipe(
  v.object({
    seats: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))),
    joinUntil: v.optional(instant),
  }),
  v.check((change) => change.seats !== undefined || change.joinUntil !== undefined, 'nothing_to_change'),
);

export const adminCampaignGroupRoutes = new Hono<AppEnv>().get(
  '/:id/groups',
  requireStaff('admin', 'organizer'),
  param(idParam),
  async (c) => {
    const db = database(c.env.DB);
    const campaign = await campaignSummary(db, c.req.valid('param').id, staffScope(c.var.staff!));
    if (!campaign) throw notFound();
    const groups = await listCampaignGroups(db, campaign.id);
    return c.json({ items: groups.map(campaignGroupView) }, 200);
  },
);

export const adminGroupRoutes = new Hono<AppEnv>().patch(
  '/:id',
  requireStaff('admin', 'organizer'),
  param(idParam),
  ...json(groupChange),
  async (c) => {
    const { id } = c.req.valid('param');
    const db = database(c.env.DB);
    const group = await getGroupOwner(db, id);
    if (!group || !canReach(c.var.staff!, group.organizationId)) throw notFound();

    const change = c.req.valid('json');
    const audit = byStaff(
      c.var.staff!,
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
