// Who is signed in (GET /api/admin/auth/me), asked once per visit, and what their role may use.
import type { InferResponseType } from 'hono/client';
import { api, read } from '../api.ts';
import type { Role } from './strings.ts';

export type Staff = InferResponseType<typeof api.admin.auth.me.$get, 200>['staff'];

let known: Promise<Staff> | undefined;

/** The signed-in staff member; an ApiFailure (401 when nobody is) otherwise, asked again next time. */
export function me(): Promise<Staff> {
  known ??= read(api.admin.auth.me.$get()).then(
    ({ staff }) => staff,
    (error: unknown) => {
      known = undefined;
      throw error;
    },
  );
  return known;
}

export function rememberSignIn(staff: Staff) {
  known = Promise.resolve(staff);
}

export function forgetSignIn() {
  known = undefined;
}

/**
 * Admins and organizers create and edit campaigns, sessions and slots, see the roster and its
 * exports, run quizzes and undo check-ins; check-in volunteers see the desk and the statistics.
 * The API refuses the rest anyway (403): this only keeps out of sight what would be refused.
 */
export const canManage = (role: Role) => role === 'admin' || role === 'organizer';
