// The city's organizations, as the API lists them (GET /api/admin/organizations): a platform
// admin picks one for a new campaign or a new account; everyone else has their own.
import type { InferResponseType } from 'hono/client';
import { api, read, within } from '../foundation/api.ts';
import { me } from './login.ts';
import type { OrganizationKind } from './strings.ts';

export type OrganizationListing = InferResponseType<typeof api.admin.organizations.$get, 200>['items'][number];

export const organizationKinds: OrganizationKind[] = [
  'blood_centre',
  'cdc',
  'hospital',
  'health_centre',
  'school',
  'community',
  'other',
];

/** Every organization a platform admin may choose from (the others get only their own), by name. */
export async function listOrganizations(signal: AbortSignal) {
  return (await read(api.admin.organizations.$get({}, within(signal)))).items;
}

/** Who is signed in and, for a platform admin, the organizations to choose from (the others have their own). */
export async function meAndOrganizations(signal: AbortSignal) {
  const staff = await me();
  return { staff, organizations: staff.role === 'admin' ? await listOrganizations(signal) : undefined };
}
