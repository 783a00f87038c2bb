// Organizers correct a registration after the fact — mark a no-show, undo a mistaken check-in or
// no-show, cancel on the person's behalf — and the desk records the donation after the collection
// (or removes one recorded by mistake). Every change is audited with who and why.
import { Hono } from 'hono';
import * as v from 'valibot';
import { byStaff } from '../../db/audit.ts';
import {
  cancelOnBehalf,
  correctStatus,
  findById,
  findDonation,
  recordDonation,
  removeDonation,
} from '../../db/check-ins.ts';
import type { Database } from '../../db/client.ts';
import { checkOut } from '../../db/volunteering.ts';
import { isSessionDay, WHOLE_BLOOD_VOLUMES_ML } from '../../domain/check-in.ts';
import { chinaDay, toChinaIso } from '../../domain/china-time.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff } from '../../lib/auth.ts';
import { ApiError, notFound } from '../../lib/errors.ts';
import { canReach } from '../../lib/scope.ts';
import { json, param, query } from '../../lib/validation.ts';
import { donationFor, refuseOutOfScope } from './check-ins.ts';
import { idParam, recordId } from '../schemas.ts';

/** Why an organizer changed a record: a choice, so the audit log holds no free text about a person. */
const reason = v.optional(v.picklist(['mistake', 'person_asked', 'did_not_come', 'deferred', 'other']));

// Which corrections are allowed: the new status, from the statuses it may replace.
const allowedFrom = {
  no_show: ['confirmed'],
  confirmed: ['checked_in', 'no_show'],
  cancelled: ['confirmed', 'waitlisted'],
} as const;

const registrationId = param(idParam);

/** The registration, when the staff member may act on it; another organization's answers 404. */
async function reachable(db: Database, staff: AppEnv['Variables']['staff'], id: string) {
  const pass = await findById(db, id);
  if (!pass || !staff || !canReach(staff, pass.organizationId)) throw notFound();
  return pass;
}

export const adminRegistrationRoutes = new Hono<AppEnv>()
  .patch(
    '/:id',
    requireStaff('admin', 'organizer'),
    registrationId,
    ...json(v.object({ status: v.picklist(['no_show', 'confirmed', 'cancelled']), reason })),
    async (c) => {
      const { id } = c.req.valid('param');
      const { status, reason } = c.req.valid('json');
      const db = c.var.db;
      const pass = await reachable(db, c.var.staff, id);
      const from = (allowedFrom[status] as readonly string[]).includes(pass.status) ? pass.status : null;
      if (!from) throw new ApiError(409, 'status_not_correctable');
      if (status === 'no_show' && pass.startsAt.getTime() > Date.now()) throw new ApiError(409, 'session_not_started');
      const audit = byStaff(
        c.var.staff,
        pass.organizationId,
        status === 'cancelled' ? 'registration.cancel' : 'registration.correct',
        { type: 'registration', id },
        { from, to: status, ...(reason && { reason }) },
      );

      if (status === 'cancelled') {
        const { cancelled } = await cancelOnBehalf(db, pass, audit);
        if (!cancelled) throw new ApiError(409, 'status_not_correctable');
        return c.json({ registration: { id, status } }, 200);
      }
      if (!(await correctStatus(db, id, from as 'confirmed' | 'checked_in' | 'no_show', status, audit))) {
        // Still a no-show: its seat is taken now. Otherwise another correction came first.
        const again = await findById(db, id);
        throw new ApiError(409, again?.status === from && from === 'no_show' ? 'slot_full' : 'status_not_correctable');
      }
      return c.json({ registration: { id, status } }, 200);
    },
  )
  .post(
    '/:id/donation',
    requireStaff('admin', 'organizer', 'checkin'),
    registrationId,
    ...json(
      v.object({
        kind: v.picklist(['whole_blood', 'platelets']),
        volumeMl: v.optional(v.picklist(WHOLE_BLOOD_VOLUMES_ML)),
        campaignId: v.optional(recordId),
        sessionId: v.optional(recordId),
      }),
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      const { kind, volumeMl, ...scope } = c.req.valid('json');
      const db = c.var.db;
      const now = Date.now();
      const pass = await reachable(db, c.var.staff, id);
      // A donation is recorded at the desk of its drive on the day it is given, and nowhere else.
      refuseOutOfScope(pass, scope, now);
      const donation = donationFor(pass, kind, volumeMl, now);
      if (pass.status !== 'checked_in') throw new ApiError(409, 'not_checked_in');
      const recorded = await recordDonation(
        db,
        pass,
        donation,
        byStaff(
          c.var.staff,
          pass.organizationId,
          'donation.record',
          { type: 'registration', id },
          {
            kind,
            volumeMl: donation.volumeMl,
          },
        ),
        now,
      );
      if (!recorded) {
        const again = await findById(db, id);
        throw new ApiError(409, again?.status === 'checked_in' ? 'already_donated' : 'not_checked_in');
      }
      return c.json({ donation: { id: recorded.id, registrationId: id, ...donation } }, 201);
    },
  )
  // A donation recorded by mistake (the wrong person, or deferred at the health check) is removed.
  .delete(
    '/:id/donation',
    requireStaff('admin', 'organizer', 'checkin'),
    registrationId,
    query(v.object({ reason })),
    async (c) => {
      const { id } = c.req.valid('param');
      const db = c.var.db;
      const pass = await reachable(db, c.var.staff, id);
      const donation = await findDonation(db, id);
      if (!donation) throw new ApiError(409, 'no_donation');
      // Check-in staff fix the day's own mistakes; older records are the organizers' to correct.
      if (
        c.var.staff.role === 'checkin' &&
        !(isSessionDay(pass, Date.now()) && donation.day === chinaDay(Date.now()))
      ) {
        throw new ApiError(403, 'forbidden');
      }
      const audit = byStaff(
        c.var.staff,
        pass.organizationId,
        'donation.remove',
        { type: 'registration', id },
        {
          kind: donation.kind,
          volumeMl: donation.volumeMl,
          day: donation.day,
          reason: c.req.valid('query').reason ?? null,
        },
      );
      if (!(await removeDonation(db, id, audit))) throw new ApiError(409, 'no_donation');
      return c.body(null, 204);
    },
  )
  // A volunteer leaves: the desk checks them out, and the hours since check-in are their service.
  .post('/:id/checkout', requireStaff('admin', 'organizer', 'checkin'), registrationId, async (c) => {
    const { id } = c.req.valid('param');
    const db = c.var.db;
    const pass = await reachable(db, c.var.staff, id);
    if (pass.status !== 'checked_in') {
      throw new ApiError(409, 'not_checked_in', { message: 'checkout_not_checked_in' });
    }
    const out = await checkOut(
      db,
      id,
      byStaff(c.var.staff, pass.organizationId, 'registration.check_out', { type: 'registration', id }),
    );
    if (!out) throw new ApiError(409, 'already_checked_out');
    return c.json(
      {
        registration: {
          id,
          checkedInAt: toChinaIso(out.checkedInAt),
          checkedOutAt: toChinaIso(out.checkedOutAt),
          minutes: Math.floor((out.checkedOutAt - out.checkedInAt) / 60_000),
        },
      },
      200,
    );
  });
