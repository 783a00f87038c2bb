// Organizers move a session (time or place) or cancel it; everyone signed up is notified.
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { byStaff } from '../../db/audit.ts';
import { cancelSession, changeSession, getSessionOwner } from '../../db/sessions.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff, type StaffEnv } from '../../lib/auth.ts';
import { ApiError, notFound } from '../../lib/errors.ts';
import { canReach } from '../../lib/scope.ts';
import { json, param } from '../../lib/validation.ts';
import { idParam, instant } from '../schemas.ts';

const sessionChange = v.pipe(
  v.object({
    startsAt: v.optional(instant),
    endsAt: v.optional(instant),
    venue: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100))),
    address: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))),
  }),
  v.check((change) => Object.values(change).some((value) => value !== undefined), 'nothing_to_change'),
);

async function reachableSession<E extends StaffEnv>(c: Context<E>, id: string) {
  const session = await getSessionOwner(c.var.db, id);
  if (!session || !canReach(c.var.staff, session.organizationId)) throw notFound();
  return session;
}

export const adminSessionRoutes = new Hono<AppEnv>()
  .patch('/:id', requireStaff('admin', 'organizer'), param(idParam), ...json(sessionChange), async (c) => {
    const { id } = c.req.valid('param');
    const change = c.req.valid('json');
    const session = await reachableSession(c, id);
    if (session.cancelledAt) throw new ApiError(409, 'session_cancelled');
    if ((change.endsAt ?? session.endsAt) <= (change.startsAt ?? session.startsAt)) {
      throw new ApiError(400, 'validation_failed', {
        issues: [{ path: 'endsAt', message: 'session_ends_before_start' }],
      });
    }
    const fields = Object.keys(change).join(',');
    const changed = await changeSession(
      c.var.db,
      id,
      change,
      byStaff(c.var.staff, session.organizationId, 'session.update', { type: 'session', id }, { fields }),
    );
    if (!changed) {
      const length = (change.endsAt ?? session.endsAt).getTime() - (change.startsAt ?? session.startsAt).getTime();
      // Someone holds a window of this session: it may move, not grow or shrink (db/sessions.ts).
      if (session.windowMinutes !== null && length !== session.endsAt.getTime() - session.startsAt.getTime()) {
        throw new ApiError(409, 'windows_in_use');
      }
      // Checked above, so any other refusal means another edit or a cancellation came in between.
      throw new ApiError(409, 'session_changed_meanwhile');
    }
    return c.json({ session: { id, changed: fields.split(',') } }, 200);
  })
  .post('/:id/cancel', requireStaff('admin', 'organizer'), param(idParam), async (c) => {
    const { id } = c.req.valid('param');
    const session = await reachableSession(c, id);
    if (session.cancelledAt) throw new ApiError(409, 'session_cancelled');
    const audit = byStaff(c.var.staff, session.organizationId, 'session.cancel', { type: 'session', id });
    if (!(await cancelSession(c.var.db, id, audit))) throw new ApiError(409, 'session_cancelled');
    return c.json({ session: { id, cancelled: true } }, 200);
  });
