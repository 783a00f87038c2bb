// The organizations a platform admin can pick from: the ones running campaigns (the API has no
// list of organizations of its own).
import { api, read, within } from '../foundation/api.ts';
import { me } from './session.ts';

export async function knownOrganizations(signal: AbortSignal) {
  const { items } = await read(api.admin.campaigns.$get({ query: {} }, within(signal)));
  return [...new Map(items.map((campaign) => [campaign.organization.id, campaign.organization])).values()];
}

/** Who is signed in and, for a platform admin, the organizations to choose from (the others have their own). */
export async function meAndOrganizations(signal: AbortSignal) {
  const staff = await me();
  return { staff, organizations: staff.role === 'admin' ? await knownOrganizations(signal) : undefined };
}
