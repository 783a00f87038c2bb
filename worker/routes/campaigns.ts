// Published campaigns, as anyone may browse them.
import { Hono } from 'hono';
import * as v from 'valibot';
import { campaignKinds, getPublishedCampaign, listPublishedCampaigns } from '../db/campaigns.ts';
import { database } from '../db/client.ts';
import { chinaDay, toChinaIso } from '../domain/china-time.ts';
import type { AppEnv } from '../env.ts';
import { notFound } from '../lib/errors.ts';
import { param, query } from '../lib/validation.ts';

const campaignId = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });

export const campaignRoutes = new Hono<AppEnv>()
  .get('/', query(v.object({ kind: v.optional(v.picklist(campaignKinds)) })), async (c) => {
    const { kind } = c.req.valid('query');
    const items = await listPublishedCampaigns(database(c.env.DB), { kind, endingOnOrAfter: chinaDay(Date.now()) });
    return c.json({ items }, 200);
  })
  .get('/:id', param(campaignId), async (c) => {
    const campaign = await getPublishedCampaign(database(c.env.DB), c.req.valid('param').id);
    if (!campaign) throw notFound();
    return c.json(
      {
        campaign: {
          ...campaign,
          sessions: campaign.sessions.map((session) => ({
            id: session.id,
            startsAt: toChinaIso(session.startsAt),
            endsAt: toChinaIso(session.endsAt),
            venue: session.venue,
            address: session.address,
            slots: session.slots.map((slot) => ({
              id: slot.id,
              role: slot.role,
              capacity: slot.capacity,
              taken: slot.taken,
              remaining: Math.max(0, slot.capacity - slot.taken),
              waitlist: slot.waitlist,
              waiting: slot.waiting,
            })),
          })),
        },
      },
      200,
    );
  });
