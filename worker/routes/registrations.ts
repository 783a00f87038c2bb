// A citizen's own sign-ups: cancelling one (or leaving the waiting list).
import { Hono } from 'hono';
import * as v from 'valibot';
import { database } from '../db/client.ts';
import { cancelRegistration, getOwnRegistration } from '../db/registrations.ts';
import type { AppEnv } from '../env.ts';
import { requirePerson } from '../lib/auth.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { param } from '../lib/validation.ts';
import { sendAfterResponse } from '../notifications/relay.ts';

const refusals = {
  cancelled: () => new ApiError(409, 'already_cancelled'),
  checked_in: () => new ApiError(409, 'already_checked_in'),
  no_show: () => new ApiError(409, 'not_cancellable', { message: 'not_cancellable' }),
} as const;

export const registrationRoutes = new Hono<AppEnv>()
  .use(requirePerson)
  .post('/:id/cancel', param(v.object({ id: v.pipe(v.string(), v.maxLength(64)) })), async (c) => {
    const personId = c.var.person.id;
    const db = database(c.env.DB);
    const { id } = c.req.valid('param');

    for (let attempt = 0; attempt < 2; attempt++) {
      const registration = await getOwnRegistration(db, id, personId);
      if (!registration) throw notFound(); // someone else's sign-up does not exist for this person
      if (registration.status !== 'confirmed' && registration.status !== 'waitlisted')
        throw refusals[registration.status]();
      if (registration.startsAt.getTime() <= Date.now()) throw new ApiError(409, 'registration_closed');

      const { cancelled, promoted } = await cancelRegistration(db, { id, slotId: registration.slotId, personId });
      if (cancelled) {
        // The freed seat's new holder hears of it (the trigger queued the text with the promotion).
        sendAfterResponse(
          c,
          promoted.map((moved) => `promoted:${moved.id}`),
        );
        return c.json({ registration: { id, status: 'cancelled' as const } }, 200);
      }
      // Its status changed between the read and the write (a parallel cancel or a check-in): read again.
    }
    throw new ApiError(409, 'already_cancelled');
  });
