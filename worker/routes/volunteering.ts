// The volunteer's own service record (GET /api/me/volunteering, under /me's sign-in): hours per
// session from the desk's check-in and check-out, the total, and the star level reached.
import { Hono } from 'hono';
import { volunteerService } from '../db/volunteering.ts';
import { toChinaIso } from '../domain/china-time.ts';
import { hoursOf, nextStarHours, starsFor } from '../domain/volunteering.ts';
import { requirePerson } from '../lib/auth.ts';
import type { AppEnv } from '../env.ts';

const MINUTE_MS = 60_000;

export const volunteeringRoutes = new Hono<AppEnv>().get('/', requirePerson, async (c) => {
  const rows = await volunteerService(c.var.db, c.var.person.id);
  const items = rows.map(({ campaign, session, role, checkedInAt, checkedOutAt }) => ({
    campaign,
    session: { ...session, startsAt: toChinaIso(session.startsAt) },
    role,
    checkedInAt: toChinaIso(checkedInAt!),
    checkedOutAt: toChinaIso(checkedOutAt!),
    minutes: Math.floor((checkedOutAt!.getTime() - checkedInAt!.getTime()) / MINUTE_MS),
  }));
  const hours = hoursOf(items.reduce((total, item) => total + item.minutes, 0));
  return c.json({ hours, stars: starsFor(hours), nextStarHours: nextStarHours(hours), items }, 200);
});
