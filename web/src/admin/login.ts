// The login: who is signed in (GET /api/admin/auth/me), asked once per visit, and what their role may use.
import type { InferResponseType } from 'hono/client';
import { api, read } from '../foundation/api.ts';
import { h } from '../foundation/dom.ts';
import { type Role, strings } from './strings.ts';

type Me = InferResponseType<typeof api.admin.auth.me.$get, 200>;
export type Staff = Me['staff'];
/** The signed-in staff member's organization (null for a platform admin). */
export type Organization = Me['organization'];

let known: Promise<Me> | undefined;

function ask(): Promise<Me> {
  known ??= read(api.admin.auth.me.$get()).catch((error: unknown) => {
    known = undefined;
    throw error;
  });
  return known;
}

/** The signed-in staff member; an ApiFailure (401 when nobody is) otherwise, asked again next time. */
export const me = async (): Promise<Staff> => (await ask()).staff;

/** Their organization: its name, kind and reminder hour. */
export const myOrganization = async (): Promise<Organization> => (await ask()).organization;

/** After a change to the organization (its reminder hour), so the pages show it without asking again. */
export function rememberOrganization(organization: NonNullable<Organization>) {
  const current = known;
  if (current) known = current.then((answer) => ({ ...answer, organization }));
}

/** Signed in (or out): the next page asks who it is, with their organization. */
export function forgetSignIn() {
  known = undefined;
}

/**
 * Admins and organizers create and edit campaigns, sessions and slots, see the roster and its
 * exports, run quizzes and undo check-ins; check-in volunteers see the desk and the statistics.
 * The API refuses the rest anyway (403): this only keeps out of sight what would be refused.
 */
export const canManage = (role: Role) => role === 'admin' || role === 'organizer';

/** The emergency donor list is the whole city's: platform admins and the blood centre only. */
export const seesDonors = (staff: Staff, organization: Organization) =>
  staff.role === 'admin' || (staff.role === 'organizer' && organization?.kind === 'blood_centre');

/** Said instead of a page this role may not use (the API would refuse it anyway). */
export const notAllowed = () => h('p', { class: 'notice notice-error', role: 'alert' }, strings().notAllowed);
