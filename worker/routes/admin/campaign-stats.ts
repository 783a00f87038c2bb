// A campaign's numbers at a glance. Counts only, no names: check-in volunteers see them too.
import { Hono } from 'hono';
import { campaignSummary } from '../../db/campaigns.ts';
import { campaignStats } from '../../db/campaign-stats.ts';
import { toChinaIso } from '../../domain/china-time.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff } from '../../lib/auth.ts';
import { notFound } from '../../lib/errors.ts';
import { staffScope } from '../../lib/scope.ts';
import { param } from '../../lib/validation.ts';
import { idParam } from '../schemas.ts';

export const adminCampaignStatsRoutes = new Hono<AppEnv>().get(
  '/:id/stats',
  requireStaff('admin', 'organizer', 'checkin'),
  param(idParam),
  async (c) => {
    const db = c.var.db;
    const campaign = await campaignSummary(db, c.req.valid('param').id, staffScope(c.var.staff));
    if (!campaign) throw notFound();
    const { bloodTypes, donations, bySession, ...stats } = await campaignStats(db, campaign.id);
    return c.json(
      {
        stats: {
          ...stats,
          bySession: bySession.map((session) => ({ ...session, startsAt: toChinaIso(session.startsAt) })),
          // Blood types and donations mean something only at a blood drive.
          ...(campaign.kind === 'blood_drive' && { bloodTypes, donations }),
        },
      },
      200,
    );
  },
);
