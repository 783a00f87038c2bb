// Organizers change a slot's capacity and waiting list.
import { Hono } from 'hono';
import * as v from 'valibot';
import { byStaff } from '../../db/audit.ts';
import { getSlotOwner, getSlotWithCounts, updateSlot } from '../../db/slots.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff } from '../../lib/auth.ts';
import { ApiError, notFound } from '../../lib/errors.ts';
import { canReach } from '../../lib/scope.ts';
import { json, param } from '../../lib/validation.ts';
import { idParam } from '../schemas.ts';

const slotChange = v.object({
  capacity: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))),
  waitlist: v.optional(v.boolean()),
});

export const adminSlotRoutes = new Hono<AppEnv>().patch(
  '/:id',
  requireStaff('admin', 'organizer'),
  param(idParam),
  ...json(slotChange),
  async (c) => {
    const { id } = c.req.valid('param');
    const db = c.var.db;
    const owner = await getSlotOwner(db, id);
    if (!owner || !canReach(c.var.staff, owner.organizationId)) throw notFound();

    const change = c.req.valid('json');
    const audit = byStaff(
      c.var.staff,
      owner.organizationId,
      'slot.update',
      { type: 'slot', id },
      { capacity: change.capacity ?? null, waitlist: change.waitlist ?? null },
    );
    const { updated } = await updateSlot(db, id, change, audit);
    if (!updated) throw new ApiError(409, 'capacity_below_taken');
    const slot = (await getSlotWithCounts(db, id))!;
    return c.json({ slot: { ...slot, remaining: Math.max(0, slot.capacity - slot.taken) } }, 200);
  },
);
