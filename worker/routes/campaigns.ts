// Published campaigns, as anyone may browse them.
import { Hono } from 'hono';
import * as v from 'valibot';
import { campaignKinds, getCampaign, listPublishedCampaigns } from '../db/campaigns.ts';
import { publicRead } from '../db/client.ts';
import { chinaDay } from '../domain/china-time.ts';
import type { AppEnv } from '../env.ts';
import { notFound } from '../lib/errors.ts';
import { param, query } from '../lib/validation.ts';
import { campaignListItemView, campaignView } from './views.ts';
import { idParam } from './schemas.ts';

export const campaignRoutes = new Hono<AppEnv>()
  // Published campaigns may be read a moment behind, from the nearest replica.
  .use(publicRead)
  .get('/', query(v.object({ kind: v.optional(v.picklist(campaignKinds)) })), async (c) => {
    const { kind } = c.req.valid('query');
    const now = new Date();
    const rows = await listPublishedCampaigns(c.var.db, { kind, today: chinaDay(now.getTime()), now });
    return c.json({ items: rows.map(campaignListItemView) }, 200);
  })
  .get('/:id', param(idParam), async (c) => {
    const campaign = await getCampaign(c.var.db, c.req.valid('param').id, { published: true });
    if (!campaign) throw notFound();
    return c.json({ campaign: campaignView(campaign) }, 200);
  });
