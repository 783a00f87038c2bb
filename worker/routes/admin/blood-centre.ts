// The city's blood supply is the blood centre's business: its organizers and platform admins
// see the emergency donors and set the blood stock; another organization's staff are refused.
import { createMiddleware } from 'hono/factory';
import { findStaffOrganization } from '../../db/organizations.ts';
import { requireStaff, type StaffEnv } from '../../lib/auth.ts';
import { ApiError } from '../../lib/errors.ts';

const bloodCentreOnly = createMiddleware<StaffEnv>(async (c, next) => {
  const me = c.var.staff;
  if (me.role !== 'admin') {
    const organization = await findStaffOrganization(c.var.db, me.organizationId);
    if (organization?.kind !== 'blood_centre') throw new ApiError(403, 'forbidden');
  }
  await next();
});

/** Platform admins and the blood centre's organizers. */
export const requireBloodCentre = [requireStaff('admin', 'organizer'), bloodCentreOnly] as const;
