// Organizations: admins set up the city's (create, rename); every staff member sees their own.
import { Hono } from 'hono';
import * as v from 'valibot';
import { byStaff, changedValues } from '../../db/audit.ts';
import { createOrganization, listOrganizations, updateOrganization } from '../../db/organizations.ts';
import { organizations } from '../../db/schema.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff } from '../../lib/auth.ts';
import { ApiError, notFound } from '../../lib/errors.ts';
import { canReach } from '../../lib/scope.ts';
import { json, param } from '../../lib/validation.ts';
import { idParam } from '../schemas.ts';

const organizationName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100));
const organizationKind = v.picklist(organizations.kind.enumValues);

const organizationChange = v.pipe(
  v.object({
    name: v.optional(organizationName),
    kind: v.optional(organizationKind),
    reminderHour: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(23))),
  }),
  v.check((change) => Object.values(change).some((value) => value !== undefined), 'nothing_to_change'),
);

export const organizationRoutes = new Hono<AppEnv>()
  .get('/', requireStaff(), async (c) => {
    const me = c.var.staff;
    const items = await listOrganizations(c.var.db, me.role === 'admin' ? null : me.organizationId);
    return c.json({ items }, 200);
  })
  .post(
    '/',
    requireStaff('admin'),
    ...json(v.object({ name: organizationName, kind: v.optional(organizationKind) })),
    async (c) => {
      const db = c.var.db;
      const created = await createOrganization(
        db,
        c.req.valid('json'),
        byStaff(c.var.staff, null, 'organization.create'),
      );
      if (!created) throw new ApiError(409, 'organization_exists');
      return c.json({ organization: { id: created.id, name: created.name, kind: created.kind } }, 201);
    },
  )
  // Admins rename an organization or change its kind; its organizers may set when its reminders
  // for tomorrow go out (China hour, default 18:00).
  .patch('/:id', requireStaff('admin', 'organizer'), param(idParam), ...json(organizationChange), async (c) => {
    const { id } = c.req.valid('param');
    const change = c.req.valid('json');
    const me = c.var.staff;
    if (!canReach(me, id)) throw notFound();
    if (me.role !== 'admin' && (change.name !== undefined || change.kind !== undefined))
      throw new ApiError(403, 'forbidden');
    const db = c.var.db;
    const [current] = await listOrganizations(db, id);
    if (!current) throw notFound();
    const updated = await updateOrganization(
      db,
      id,
      change,
      byStaff(me, id, 'organization.update', { type: 'organization', id }, changedValues(current, change)),
    );
    if (!updated) throw new ApiError(409, 'organization_exists');
    return c.json({ organization: updated }, 200);
  });
