// Staff accounts through their life: added, listed, given another role, deactivated after the
// event, their password reset. Admins manage anyone; organizers their own check-in staff.
import { Hono } from 'hono';
import * as v from 'valibot';
import { byStaff, changedValues } from '../../db/audit.ts';
import type { Database } from '../../db/client.ts';
import { organizationExists } from '../../db/organizations.ts';
import { staff } from '../../db/schema.ts';
import {
  createStaff,
  findStaffById,
  listStaff,
  setStaffPassword,
  type StaffListing,
  staffView,
  updateStaff,
} from '../../db/staff.ts';
import { toChinaIso } from '../../domain/china-time.ts';
import type { AppEnv, SignedInStaff } from '../../env.ts';
import { requireStaff } from '../../lib/auth.ts';
import { ApiError, notFound } from '../../lib/errors.ts';
import { hashPassword } from '../../lib/password.ts';
import { json, param, query } from '../../lib/validation.ts';
import { email, idParam, newPassword, recordId } from '../schemas.ts';

const staffId = param(idParam);

const newStaff = v.object({
  email,
  password: newPassword,
  role: v.picklist(staff.role.enumValues),
  organizationId: v.optional(v.nullable(recordId)),
});

const staffChange = v.pipe(
  v.object({ role: v.optional(v.picklist(staff.role.enumValues)), active: v.optional(v.boolean()) }),
  v.check((change) => change.role !== undefined || change.active !== undefined, 'nothing_to_change'),
);

/** What the staff pages show of an account: never its password hash. */
const listingView = (member: StaffListing) => ({
  ...staffView(member),
  active: member.active,
  lastSignInAt: member.lastSignInAt ? toChinaIso(member.lastSignInAt) : null,
});

/**
 * The account another staff member may manage: an admin any, an organizer the check-in staff of
 * their own organization (others' answer 404, as everything of another organization does).
 */
async function manageable(db: Database, me: SignedInStaff, id: string) {
  const member = await findStaffById(db, id);
  if (!member) throw notFound();
  if (me.role === 'admin') return member;
  if (member.organizationId !== me.organizationId) throw notFound();
  if (member.role !== 'checkin') throw new ApiError(403, 'forbidden');
  return member;
}

export const staffRoutes = new Hono<AppEnv>()
  .get(
    '/',
    requireStaff('admin', 'organizer'),
    query(v.object({ organizationId: v.optional(recordId) })),
    async (c) => {
      const me = c.var.staff;
      const { organizationId } = c.req.valid('query');
      // Organizers see their own organization's staff, whatever they ask for.
      const scope = me.role === 'admin' ? (organizationId ?? null) : me.organizationId;
      const members = await listStaff(c.var.db, scope);
      return c.json({ items: members.map(listingView) }, 200);
    },
  )
  .post('/', requireStaff('admin', 'organizer'), ...json(newStaff), async (c) => {
    const input = c.req.valid('json');
    const me = c.var.staff;
    const db = c.var.db;

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
  })
  .patch('/:id', requireStaff('admin', 'organizer'), staffId, ...json(staffChange), async (c) => {
    const me = c.var.staff;
    const { id } = c.req.valid('param');
    const change = c.req.valid('json');
    // Nobody locks themselves out or takes away their own rights by mistake: another admin does it.
    if (id === me.id) throw new ApiError(409, 'cannot_change_self');
    const member = await manageable(c.var.db, me, id);
    if (me.role === 'organizer' && change.role !== undefined && change.role !== 'checkin') {
      throw new ApiError(403, 'forbidden');
    }
    if (change.role !== undefined && change.role !== 'admin' && !member.organizationId) {
      throw new ApiError(400, 'validation_failed', { issues: [{ path: 'role', message: 'organization_required' }] });
    }
    const updated = await updateStaff(
      c.var.db,
      id,
      change,
      byStaff(me, member.organizationId, 'staff.update', { type: 'staff', id }, changedValues(member, change)),
    );
    if (!updated) throw notFound();
    return c.json({ staff: listingView(updated) }, 200);
  })
  // A reset by an admin (or an organizer for their check-in staff): the account's sign-ins end.
  .post(
    '/:id/password',
    requireStaff('admin', 'organizer'),
    staffId,
    ...json(v.object({ password: newPassword })),
    async (c) => {
      const me = c.var.staff;
      const { id } = c.req.valid('param');
      // One's own password is changed with the current one (POST /api/admin/auth/password).
      if (id === me.id) throw new ApiError(409, 'cannot_change_self');
      const member = await manageable(c.var.db, me, id);
      const done = await setStaffPassword(
        c.var.db,
        id,
        await hashPassword(c.req.valid('json').password),
        byStaff(me, member.organizationId, 'staff.password_reset', { type: 'staff', id }),
      );
      if (!done) throw notFound();
      return c.body(null, 204);
    },
  );
