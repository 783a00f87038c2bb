// The organizations a platform admin can pick from: the ones running campaigns (the API has no
// list of organizations of its own).
import { api, read, within } from '../api.ts';

export async function knownOrganizations(signal: AbortSignal) {
  const { items } = await read(api.admin.campaigns.$get({ query: {} }, within(signal)));
  return [...new Map(items.map((campaign) => [campaign.organization.id, campaign.organization])).values()];
}
