import { Hono } from 'hono';
import * as v from 'valibot';
import { organizations } from '../../db/schema.ts';
import { byStaff, recordAudit } from '../../db/audit.ts';
import { database } from '../../db/client.ts';
import { createOrganization } from '../../db/staff.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff } from '../../lib/auth.ts';
import { ApiError } from '../../lib/errors.ts';
import { json } from '../../lib/validation.ts';

const organizationKinds = organizations.kind.enumValues;

export const organizationRoutes = new Hono<AppEnv>().post(
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
    const created = await createOrganization(db, c.req.valid('json'));
    if (!created) throw new ApiError(409, 'organization_exists');
    await recordAudit(db, byStaff(c.var.staff!, created.id, 'organization.create', { type: 'organization', id: created.id }));
    return c.json({ organization: { id: created.id, name: created.name, kind: created.kind } }, 201);
  },
);
