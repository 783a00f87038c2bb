import { Hono } from 'hono';
import * as v from 'valibot';
import { byStaff } from '../../db/audit.ts';
import { database } from '../../db/client.ts';
import { staff } from '../../db/schema.ts';
import { createStaff, organizationExists, staffView } from '../../db/staff.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff } from '../../lib/auth.ts';
import { ApiError } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/password.ts';
import { json } from '../../lib/validation.ts';
import { email } from '../schemas.ts';

const newStaff = v.object({
  email,
  password: v.pipe(v.string(), v.minLength(10, 'password_too_short'), v.maxLength(256)),
  role: v.picklist(staff.role.enumValues),
  organizationId: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64)))),
});

export const staffRoutes = new Hono<AppEnv>().post(
  '/',
  requireStaff('admin', 'organizer'),
  ...json(newStaff),
  async (c) => {
    const input = c.req.valid('json');
    const me = c.var.staff!;
    const db = database(c.env.DB);

    // Organizers may add check-in staff to their own organization, nothing else.
    if (me.role === 'organizer' && (input.role !== 'checkin' || input.organizationId !== me.organizationId)) {
      throw new ApiError(403, 'forbidden');
    }
    const organizationId = input.organizationId ?? null;
    if (input.role !== 'admin' && !organizationId) {
      throw new ApiError(400, 'validation_failed', {
        issues: [{ path: 'organizationId', message: 'organization_required' }],
      });
    }
    if (organizationId && !(await organizationExists(db, organizationId))) {
      throw new ApiError(400, 'validation_failed', {
        issues: [{ path: 'organizationId', message: 'organization_unknown' }],
      });
    }

    const created = await createStaff(
      db,
      { email: input.email, passwordHash: await hashPassword(input.password), role: input.role, organizationId },
      byStaff(me, organizationId, 'staff.create', undefined, { role: input.role }),
    );
    if (!created) throw new ApiError(409, 'email_taken');
    return c.json({ staff: staffView(created) }, 201);
  },
);
