// Organizers correct a sign-up after the fact: mark a no-show, or undo a mistaken check-in.
import { Hono } from 'hono';
import * as v from 'valibot';
import { byStaff } from '../../db/audit.ts';
import { correctStatus, findForCorrection } from '../../db/check-ins.ts';
import { database } from '../../db/client.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff } from '../../lib/auth.ts';
import { ApiError, notFound } from '../../lib/errors.ts';
import { canReach } from '../../lib/scope.ts';
import { json, param } from '../../lib/validation.ts';

// Which corrections are allowed: the new status, from the statuses it may replace.
const allowedFrom = { no_show: ['confirmed'], confirmed: ['checked_in', 'no_show'] } as const;

export const adminRegistrationRoutes = new Hono<AppEnv>().patch(
  '/:id',
  requireStaff('admin', 'organizer'),
  param(v.object({ id: v.pipe(v.string(), v.maxLength(64)) })),
  ...json(v.object({ status: v.picklist(['no_show', 'confirmed']) })),
  async (c) => {
    const { id } = c.req.valid('param');
    const { status } = c.req.valid('json');
    const db = database(c.env.DB);
    const found = await findForCorrection(db, id);
    if (!found || !canReach(c.var.staff!, found.organizationId)) throw notFound();
    const from = (allowedFrom[status] as readonly string[]).includes(found.status)
      ? (found.status as 'confirmed' | 'checked_in' | 'no_show')
      : null;
    if (!from) throw new ApiError(409, 'status_not_correctable');
    if (status === 'no_show' && found.startsAt.getTime() > Date.now()) throw new ApiError(409, 'session_not_started');
    const audit = byStaff(
      c.var.staff!,
      found.organizationId,
      'registration.correct',
      { type: 'registration', id },
      { from, to: status },
    );
    if (!(await correctStatus(db, id, from, status, audit))) {
      // Still a no-show: its seat is taken now. Otherwise another correction came first.
      const again = await findForCorrection(db, id);
      throw new ApiError(409, again?.status === from && from === 'no_show' ? 'slot_full' : 'status_not_correctable');
    }
    return c.json({ registration: { id, status } }, 200);
  },
);
