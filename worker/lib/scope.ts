import type { CampaignScope } from '../db/campaigns.ts';
import type { SignedInStaff } from '../env.ts';

/** What a staff member may see: a platform admin everything, others their own organization. */
export const staffScope = (staff: SignedInStaff): CampaignScope => ({
  organizationId: staff.role === 'admin' ? null : staff.organizationId,
});

export const canReach = (staff: SignedInStaff, organizationId: string) =>
  staff.role === 'admin' || staff.organizationId === organizationId;
