import { Hono } from 'hono';
import * as v from 'valibot';
import { organizations } from '../../db/schema.ts';
import { byStaff } from '../../db/audit.ts';
import { database } from '../../db/client.ts';
import { createOrganization, setReminderHour } from '../../db/staff.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff } from '../../lib/auth.ts';
import { ApiError, notFound } from '../../lib/errors.ts';
import { canReach } from '../../lib/scope.ts';
import { json, param } from '../../lib/validation.ts';

const organizationKinds = organizations.kind.enumValues;

export const organizationRoutes = new Hono<AppEnv>()
  .post(
    '/',
    requireStaff('admin'),
    ...json(
      v.object({
        name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
        kind: v.optional(v.picklist(organizationKinds)),
      }),
    ),
    async (c) => {
      const db = database(c.env.DB);
      const created = await createOrganization(
        db,
        c.req.valid('json'),
        byStaff(c.var.staff!, null, 'organization.create'),
      );
      if (!created) throw new ApiError(409, 'organization_exists');
      return c.json({ organization: { id: created.id, name: created.name, kind: created.kind } }, 201);
    },
  )
  // When the organization's reminders for tomorrow go out (China hour, default 18:00).
  .patch(
    '/:id',
    requireStaff('admin', 'organizer'),
    param(v.object({ id: v.pipe(v.string(), v.maxLength(64)) })),
    ...json(v.object({ reminderHour: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(23)) })),
    async (c) => {
      const { id } = c.req.valid('param');
      const { reminderHour } = c.req.valid('json');
      const me = c.var.staff!;
      if (!canReach(me, id)) throw notFound();
      const updated = await setReminderHour(
        database(c.env.DB),
        id,
        reminderHour,
        byStaff(me, id, 'organization.update', { type: 'organization', id }, { reminderHour }),
      );
      if (!updated) throw notFound();
      return c.json({ organization: updated }, 200);
    },
  );
