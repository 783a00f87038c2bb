// A citizen's own registrations: cancelling one (or leaving the waiting list), and moving one to
// another time of the same campaign.
import { Hono } from 'hono';
import * as v from 'valibot';
import { loginPersonId } from '../db/logins.ts';
import { revealPerson } from '../db/people.ts';
import { queryStatement, runBatch } from '../db/prepared.ts';
import { cancelRegistration, getOwnRegistration, isUniqueViolation, signUpFacts } from '../db/registrations.ts';
import { moveRegistration, registrationToMove, slotSeats } from '../db/reschedule.ts';
import { chinaDay, toChinaIso } from '../domain/china-time.ts';
import { reasonsOnDay } from '../domain/sign-up.ts';
import { chosenWindow, windowCapacity, windowCount } from '../domain/windows.ts';
import type { AppEnv } from '../env.ts';
import { personLoginHash, requirePerson } from '../lib/auth.ts';
import { encryptionKeys } from '../lib/crypto.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { idempotencyKey } from '../lib/idempotency.ts';
import { json, param } from '../lib/validation.ts';
import { sendAfterResponse } from '../notifications/relay.ts';
import { idParam, instant, recordId } from './schemas.ts';
import { firstAnswerOfRefusal, openSlot } from './sign-ups.ts';

const refusals = {
  cancelled: () => new ApiError(409, 'already_cancelled'),
  checked_in: () => new ApiError(409, 'already_checked_in'),
  no_show: () => new ApiError(409, 'not_cancellable', { message: 'not_cancellable' }),
} as const;

/** Why a registration in this state cannot move: only a confirmed seat can be exchanged for another. */
const moveRefusals = {
  waitlisted: () => new ApiError(409, 'not_confirmed', { message: 'move_waitlisted' }),
  cancelled: () => new ApiError(409, 'already_cancelled'),
  checked_in: () => new ApiError(409, 'already_checked_in', { message: 'move_checked_in' }),
  no_show: () => new ApiError(409, 'not_movable'),
} as const;

const moveBody = v.object({
  slotId: recordId,
  /** The window, by its start, when the target session has windows. */
  windowStartsAt: v.optional(instant),
});

interface MovedBody {
  registration: { id: string; code: string; status: 'confirmed'; slotId: string; windowStartsAt?: string };
}

export const registrationRoutes = new Hono<AppEnv>()
  .post('/:id/cancel', requirePerson, param(idParam), async (c) => {
    const personId = c.var.person.id;
    const db = c.var.db;
    const { id } = c.req.valid('param');

    for (let attempt = 0; attempt < 2; attempt++) {
      const registration = await getOwnRegistration(db, id, personId);
      if (!registration) throw notFound(); // someone else's registration does not exist for this person
      if (registration.status !== 'confirmed' && registration.status !== 'waitlisted')
        throw refusals[registration.status]();
      if (registration.startsAt.getTime() <= Date.now()) throw new ApiError(409, 'registration_closed');

      const { cancelled, promoted } = await cancelRegistration(db, { id, slotId: registration.slotId, personId });
      if (cancelled) {
        // The freed seat's new holder hears of it (its notification was queued with the promotion).
        sendAfterResponse(
          c,
          promoted.map((moved) => `promoted:${moved.id}`),
        );
        return c.json({ registration: { id, status: 'cancelled' as const } }, 200);
      }
      // Its status changed between the read and the write (a parallel cancel or a check-in): read again.
    }
    throw new ApiError(409, 'already_cancelled');
  })
  .post('/:id/move', param(idParam), ...json(moveBody), async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const scope = `POST /api/registrations/${id}/move`;
    const loginHash = await personLoginHash(c);
    if (!loginHash) throw new ApiError(401, 'unauthenticated');
    const db = c.var.db;
    const key = idempotencyKey(c);

    for (let attempt = 0; attempt < 2; attempt++) {
      // Everything the move is decided by, in one round trip: the login's person with their donor
      // history, a stored answer to the key and the target slot, the registration, and the slot's seats.
      const now = Date.now();
      const person = loginPersonId(db, loginHash, now);
      const [signedIn, own, seats] = await runBatch(db, [
        signUpFacts(db, {
          tokenHash: loginHash,
          now,
          idempotencyKey: key ?? null,
          savedIdNumber: 0,
          slotId: input.slotId,
        }),
        queryStatement(db, registrationToMove(db, person, id)),
        queryStatement(db, slotSeats(db, input.slotId)),
      ]);
      const stored = signedIn[0];
      if (!stored) throw new ApiError(401, 'unauthenticated');
      const earlier = stored.answered;
      if (earlier) {
        if (earlier.scope !== scope) throw new ApiError(409, 'idempotency_key_reused');
        return c.json(JSON.parse(earlier.body) as MovedBody, earlier.status as 200);
      }
      const registration = own[0];
      if (!registration) throw notFound(); // someone else's registration does not exist for this person

      try {
        if (registration.status !== 'confirmed') throw moveRefusals[registration.status]();
        if (registration.startsAt.getTime() <= now) throw new ApiError(409, 'registration_closed');
        const { campaign, session } = openSlot(stored);
        if (campaign.id !== registration.campaignId) throw new ApiError(409, 'other_campaign');
        const window = chosenWindow(session, input.windowStartsAt);
        if ('issue' in window) {
          throw new ApiError(400, 'validation_failed', { issues: [{ path: 'windowStartsAt', message: window.issue }] });
        }
        if (input.slotId === registration.slotId && window.index === registration.windowIndex) {
          throw new ApiError(409, 'same_place');
        }
        const known = await revealPerson(encryptionKeys(c.env), stored.person);
        const reasons = reasonsOnDay(
          campaign,
          { ...known, donations: campaign.kind === 'blood_drive' ? stored.donations : [] },
          chinaDay(session.startsAt),
        );
        if (reasons.length) throw new ApiError(422, 'ineligible', { reasons });
        // Room at the target as read; the move's own statement checks it again as it writes.
        const room = seats[0]!;
        if (window.index !== null) {
          const count = windowCount(session);
          const taken = room.windowsTaken.get(window.index) ?? 0;
          if (taken >= windowCapacity(room.capacity, count, window.index)) throw new ApiError(409, 'window_full');
        }
        if (input.slotId !== registration.slotId && room.taken >= room.capacity) throw new ApiError(409, 'slot_full');

        const windowStartsAt = input.windowStartsAt && window.index !== null ? toChinaIso(input.windowStartsAt) : null;
        const body: MovedBody = {
          registration: {
            id,
            code: registration.code,
            status: 'confirmed',
            slotId: input.slotId,
            ...(windowStartsAt && { windowStartsAt }),
          },
        };
        const { moved, promoted } = await moveRegistration(
          db,
          {
            id,
            personId: known.id,
            from: { slotId: registration.slotId, windowIndex: registration.windowIndex },
            to: { slotId: input.slotId, windowIndex: window.index },
            ...(key && { idempotency: { key, scope, body: JSON.stringify(body) } }),
          },
          now,
        ).catch((error: unknown) => {
          // The person holds another registration in the target slot already.
          if (isUniqueViolation(error, 'registrations.slot_id')) throw new ApiError(409, 'already_registered');
          throw error;
        });
        if (moved) {
          // The seat freed in the old slot went to the first person waiting there: they hear of it.
          sendAfterResponse(
            c,
            promoted.map((confirmed) => `promoted:${confirmed.id}`),
          );
          return c.json(body, 200);
        }
        // The registration or the target changed between the read and the write: read again.
      } catch (error) {
        const first = await firstAnswerOfRefusal(c, stored.person.id, key, scope, error);
        if (first) return c.json(JSON.parse(first.body) as MovedBody, first.status as 200);
        throw error;
      }
    }
    throw new ApiError(409, 'slot_full');
  });
