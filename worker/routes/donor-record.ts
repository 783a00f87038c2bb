// The donor's own record (GET /api/me/donor, under /me's sign-in): every donation, when each kind
// may be given again, the honour and the fee waiver, whether their type is short, and a fresh
// token for the donor card's QR.
import { Hono } from 'hono';
import { readBloodStock } from '../db/blood-stock.ts';
import { donationHistory, issueDonorCard } from '../db/donor-record.ts';
import { chinaDay, toChinaIso } from '../domain/china-time.ts';
import { neededType } from '../domain/blood-stock.ts';
import { donorStanding } from '../domain/donor.ts';
import { requirePerson } from '../lib/auth.ts';
import type { AppEnv } from '../env.ts';

export const donorRecordRoutes = new Hono<AppEnv>().get('/', requirePerson, async (c) => {
  const db = c.var.db;
  const person = c.var.person;
  const [donations, card, stock] = await Promise.all([
    donationHistory(db, person.id),
    issueDonorCard(db, person.id),
    readBloodStock(db),
  ]);
  c.header('cache-control', 'no-store');
  return c.json(
    {
      donations,
      ...donorStanding(donations, chinaDay(Date.now())),
      card: { token: card.token, expiresAt: toChinaIso(card.expiresAt) },
      // "Your type is needed": told, three in four people would come (Lifeblood).
      myTypeNeeded: neededType(stock, person),
    },
    200,
  );
});
