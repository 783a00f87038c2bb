// The check-in desk: scan or type a booking code; see at once who it is and whether they may enter.
import { Hono } from 'hono';
import * as v from 'valibot';
import { byStaff } from '../../db/audit.ts';
import { checkIn, findByCode } from '../../db/check-ins.ts';
import { database } from '../../db/client.ts';
import { normalizeBookingCode } from '../../domain/booking-code.ts';
import { chinaDay, toChinaIso } from '../../domain/china-time.ts';
import type { AppEnv } from '../../env.ts';
import { requireStaff } from '../../lib/auth.ts';
import { ApiError, notFound } from '../../lib/errors.ts';
import { canReach } from '../../lib/scope.ts';
import { json } from '../../lib/validation.ts';

const checkInBody = v.object({
  code: v.pipe(
    v.string(),
    v.maxLength(32),
    v.transform(normalizeBookingCode),
    v.regex(/^[0-9A-Z]{4,16}$/, 'field_invalid'),
  ),
  donated: v.optional(v.picklist(['whole_blood', 'platelets'])),
});

const refusal = {
  checked_in: () => new ApiError(409, 'already_checked_in', { message: 'already_checked_in_desk' }),
  cancelled: () => new ApiError(409, 'registration_cancelled'),
  waitlisted: () => new ApiError(409, 'not_confirmed'),
} as const;

export const checkInRoutes = new Hono<AppEnv>().post(
  '/',
  requireStaff('admin', 'organizer', 'checkin'),
  ...json(checkInBody),
  async (c) => {
    const { code, donated } = c.req.valid('json');
    const db = database(c.env.DB);
    const found = await findByCode(db, code);
    // Another organization's code is as unknown to this desk as a code that does not exist.
    if (!found || !canReach(c.var.staff!, found.organizationId)) throw notFound();
    if (donated && found.kind !== 'blood_drive') {
      throw new ApiError(400, 'validation_failed', {
        issues: [{ path: 'donated', message: 'donation_not_blood_drive' }],
      });
    }
    if (found.status !== 'confirmed' && found.status !== 'no_show') throw refusal[found.status]();

    const now = Date.now();
    const audit = byStaff(
      c.var.staff!,
      found.organizationId,
      'registration.check_in',
      { type: 'registration', id: found.id },
      { donated: donated ?? null },
    );
    const done = await checkIn(db, found, donated ? { kind: donated, day: chinaDay(now) } : null, audit, now);
    if (!done) {
      const again = await findByCode(db, code);
      // A no-show whose seat went to someone else meanwhile; otherwise two scans at once, and the other won.
      if (again?.status === 'no_show') throw new ApiError(409, 'slot_full');
      throw refusal[again?.status === 'cancelled' ? 'cancelled' : 'checked_in']();
    }
    return c.json(
      {
        registration: {
          id: found.id,
          code: found.code,
          status: 'checked_in' as const,
          checkedInAt: toChinaIso(now),
          name: found.name,
          slot: { role: found.role },
          session: { startsAt: toChinaIso(found.startsAt), venue: found.venue },
          campaign: { id: found.campaignId, title: found.title, kind: found.kind },
          ...(donated && { donation: { kind: donated, day: chinaDay(now) } }),
        },
      },
      200,
    );
  },
);
