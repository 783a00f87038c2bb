// The public check of an electronic donor card (三免: buses, scenic spots, hospital registration):
// a gate scans the QR and sees a masked name, the donations and the honour, nothing personal.
import { Hono } from 'hono';
import * as v from 'valibot';
import { donationHistory, findDonorCardHolder } from '../db/donor-record.ts';
import { honorCount, honorFor } from '../domain/donor.ts';
import { maskName } from '../domain/quiz.ts';
import type { AppEnv } from '../env.ts';
import { notFound } from '../lib/errors.ts';
import { param } from '../lib/validation.ts';

const tokenParam = v.object({ token: v.pipe(v.string(), v.regex(/^[\w-]{20,64}$/)) });

export const donorCardRoutes = new Hono<AppEnv>().get('/:token', param(tokenParam), async (c) => {
  const db = c.var.db;
  // Unknown and expired answer alike: a screenshot learns nothing from its refusal.
  const holder = await findDonorCardHolder(db, c.req.valid('param').token);
  if (!holder) throw notFound();
  const donations = await donationHistory(db, holder.id);
  c.header('cache-control', 'no-store');
  return c.json(
    {
      valid: true,
      name: maskName(holder.name ?? ''),
      donations: donations.length,
      honor: honorFor(honorCount(donations)),
    },
    200,
  );
});
