// Signing up for a slot, in a free seat or one a group holds; and holding seats for a group (团体献血).
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { birthDateColumns, revealPerson } from '../db/people.ts';
import { runBatch } from '../db/prepared.ts';
import { addressAndPersonCounter } from '../db/rate-limits.ts';
import { holdSeats, SEATS_PER_CONTACT } from '../db/registration-groups.ts';
import {
  findIdempotentResponse,
  findSlotForSignUp,
  signUpFacts,
  saveIdempotentResponse,
  signUp,
  type SlotForSignUp,
} from '../db/registrations.ts';
import { bookingCode } from '../domain/booking-code.ts';
import { chinaDay, toChinaIso } from '../domain/china-time.ts';
import { defaultJoinUntil } from '../domain/group-joining.ts';
import { genders } from '../domain/profile.ts';
import { assessSignUp } from '../domain/sign-up.ts';
import { chosenWindow } from '../domain/windows.ts';
import type { AppEnv } from '../env.ts';
import { personLoginHash, requirePerson } from '../lib/auth.ts';
import { decryptText, encryptionKeys, encryptText, type KeyRing } from '../lib/crypto.ts';
import { ApiError, errorResponse, notFound } from '../lib/errors.ts';
import { idempotencyKey } from '../lib/idempotency.ts';
import { hashKey } from '../lib/keyed-hash.ts';
import { enforceLimits, perAddress, refuseOverLimit } from '../lib/rate-limit.ts';
import { json, param } from '../lib/validation.ts';
import { groupView } from './group-views.ts';
import { calendarDay, instant, personName, phoneNumber, recordId, groupName } from './schemas.ts';
import { sendAfterResponse } from '../notifications/relay.ts';

// A person signs up for a handful of slots, a script for hundreds. Many phones share one address
// (carrier NAT, a campus or venue Wi-Fi on a drive day), so the per-address limits are far looser.
const signUpsPerPerson = { name: 'signup-person', max: 20, windowSec: 600 };
const signUpsPerAddress = <E extends AppEnv>(c: Context<E>) => perAddress(c, 'signup-ip', 3000, 600);
const groupsPerPerson = (personId: string) => ({ key: `group-person:${personId}`, max: 10, windowSec: 3600 });
const groupsPerAddress = <E extends AppEnv>(c: Context<E>) => perAddress(c, 'group-ip', 30, 3600);

const slotParam = v.object({ slotId: recordId });

const signUpFields = v.object({
  name: personName,
  answers: v.optional(
    v.pipe(
      // v.record alone would take an array as an object keyed "0", "1", …
      v.custom<object>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'field_type'),
      v.record(v.pipe(v.string(), v.maxLength(64)), v.unknown()),
    ),
  ),
  idNumber: v.optional(v.pipe(v.string(), v.maxLength(32, 'id_number_invalid'))),
  weightKg: v.optional(v.pipe(v.number(), v.minValue(20, 'weight_invalid'), v.maxValue(300, 'weight_invalid'))),
  gender: v.optional(v.picklist(genders)),
  birthDate: v.optional(calendarDay),
  donationKind: v.optional(v.picklist(['whole_blood', 'platelets'])),
  /** The appointment window, by its start, in a session that has windows. */
  windowStartsAt: v.optional(instant),
  /** A returning donor's "the ID number of my last registration", instead of typing it again (never shown). */
  useSavedIdNumber: v.optional(v.literal(true)),
});

export const signUpBody = v.pipe(
  signUpFields,
  v.forward(
    v.check((body) => !(body.idNumber !== undefined && body.useSavedIdNumber), 'id_number_typed_and_saved'),
    ['idNumber'],
  ),
);

const groupBody = v.object({
  organization: groupName,
  contactName: personName,
  contactPhone: phoneNumber,
  seats: v.pipe(
    v.number(),
    v.integer('seats_invalid'),
    v.minValue(1, 'seats_invalid'),
    v.maxValue(SEATS_PER_CONTACT, 'seats_invalid'),
  ),
});

interface BookedBody {
  registration: {
    id: string;
    code: string;
    status: 'confirmed' | 'waitlisted';
    slotId: string;
    position?: number;
    windowStartsAt?: string;
  };
}

/** The stored first answer to a request with this Idempotency-Key (a booking, or a refusal's error body). */
const replay = <E extends AppEnv>(c: Context<E>, stored: { status: number; body: string }) =>
  c.json(JSON.parse(stored.body) as BookedBody, stored.status as 201);

type SlotFacts = NonNullable<SlotForSignUp>;

/** Refuses a slot whose session takes no sign-ups, nor seats held for a group, now. */
export function refuseClosedSlot(found: SlotFacts) {
  if (found.session.cancelledAt) throw new ApiError(409, 'session_cancelled');
  const today = chinaDay(Date.now());
  if (
    found.campaign.status === 'closed' ||
    found.session.startsAt.getTime() <= Date.now() ||
    found.campaign.endsOn < today
  ) {
    throw new ApiError(409, 'registration_closed');
  }
}

/** The slot's facts (null or missing when there is no such slot), unless it cannot take sign-ups now. */
export function openSlot(found: { [K in keyof SlotFacts]: SlotFacts[K] | null } | undefined): SlotFacts {
  if (!found?.session || !found.campaign || found.campaign.status === 'draft') throw notFound();
  const slot = { session: found.session, campaign: found.campaign };
  refuseClosedSlot(slot);
  return slot;
}

/** Where a sign-up goes: a slot's free seats (or its waiting list), or a seat its group holds. */
export interface SignUpTarget {
  slotId: string;
  /** The request's identity for Idempotency-Key replays. */
  scope: string;
  group?: { id: string; status: 'open' | 'closed'; joinUntil: Date };
}

/**
 * One person's sign-up, whichever way they arrive: every rule (questions, ID number, eligibility,
 * one registration per person and slot, limits, Idempotency-Key) is this one function's.
 */
export async function signUpPerson(c: Context<AppEnv>, input: v.InferOutput<typeof signUpBody>, target: SignUpTarget) {
  const { slotId, scope, group } = target;
  const db = c.var.db;
  // The busiest route reads everything it decides by in one round trip to D1 of two statements,
  // and writes in one more: the rate-limit counts (address and person), and the login's person with
  // their donor history, saved ID number, the stored answer to this Idempotency-Key and the slot.
  const loginHash = await personLoginHash(c);
  if (!loginHash) throw new ApiError(401, 'unauthenticated');
  const now = Date.now();
  const key = idempotencyKey(c);
  const counts = await addressAndPersonCounter(
    db,
    hashKey(c.env),
    signUpsPerAddress(c),
    signUpsPerPerson,
    loginHash,
    now,
  );
  const [counted, signedIn] = await runBatch(db, [
    counts.query,
    signUpFacts(db, {
      tokenHash: loginHash,
      now,
      idempotencyKey: key ?? null,
      savedIdNumber: input.useSavedIdNumber ? 1 : 0,
      slotId,
    }),
  ]);
  const stored = signedIn[0];
  if (!stored) throw new ApiError(401, 'unauthenticated');
  const keys = encryptionKeys(c.env);
  const person = await revealPerson(keys, stored.person);
  const earlier = stored.answered;
  if (earlier) {
    if (earlier.scope !== scope) throw new ApiError(409, 'idempotency_key_reused');
    return replay(c, earlier);
  }
  // After the replay: a retry of an answered request is never refused.
  refuseOverLimit(...counts.verdicts(counted));

  try {
    const { campaign, session } = openSlot(stored);
    if (group && (group.status !== 'open' || group.joinUntil.getTime() <= Date.now())) {
      throw new ApiError(409, 'group_closed');
    }
    const window = chosenWindow(session, input.windowStartsAt);
    if ('issue' in window) {
      throw new ApiError(400, 'validation_failed', { issues: [{ path: 'windowStartsAt', message: window.issue }] });
    }
    const windowStartsAt = input.windowStartsAt && window.index !== null ? toChinaIso(input.windowStartsAt) : null;
    const assessment = assessSignUp(
      campaign,
      {
        ...input,
        idNumber: input.useSavedIdNumber ? await savedNumber(keys, stored.savedIdNumberEncrypted) : input.idNumber,
      },
      { ...person, donations: campaign.kind === 'blood_drive' ? stored.donations : [] },
      { session: chinaDay(session.startsAt), today: chinaDay(Date.now()) },
    );
    if (assessment.outcome === 'invalid') throw new ApiError(400, 'validation_failed', { issues: assessment.issues });
    if (assessment.outcome === 'ineligible') throw new ApiError(422, 'ineligible', { reasons: assessment.reasons });

    const { idNumber } = assessment;
    const registration = {
      id: crypto.randomUUID(),
      slotId,
      personId: person.id,
      name: input.name,
      answers: assessment.answers,
      idNumberEncrypted: idNumber ? await encryptText(keys, idNumber.normalized) : null,
      ...(group && { groupId: group.id }),
      windowIndex: window.index,
      windowStartsAt,
      profile: {
        name: person.name ? null : input.name,
        gender: person.gender ? null : assessment.facts.gender,
        ...(await birthDateColumns(keys, person.birthDate ? null : assessment.facts.birthDate)),
      },
      ...(key && { idempotency: { key, scope } }),
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const code = bookingCode();
      const result = await signUp(db, { ...registration, code });
      if (result.outcome === 'code_taken') continue;
      if (result.outcome === 'slot_full' || result.outcome === 'window_full') throw new ApiError(409, result.outcome);
      if (result.outcome === 'too_many_sign_ups') throw new ApiError(409, 'too_many_sign_ups');
      // The group's seats are all claimed, or joining closed since the check above.
      if (result.outcome === 'group_full') {
        throw new ApiError(409, group!.joinUntil.getTime() <= Date.now() ? 'group_closed' : 'group_full');
      }
      if (result.outcome === 'already_registered') throw new ApiError(409, 'already_registered');
      if (result.status === 'confirmed') sendAfterResponse(c, [`confirmed:${registration.id}`]);
      return c.json(
        {
          registration: {
            id: registration.id,
            code,
            status: result.status,
            slotId,
            ...(result.position !== null && { position: result.position }),
            ...(windowStartsAt && { windowStartsAt }),
          },
        },
        201,
      );
    }
    throw new Error('no free booking code after 3 tries');
  } catch (error) {
    const first = await firstAnswerOfRefusal(c, person.id, key, scope, error);
    if (first) return replay(c, first);
    throw error;
  }
}

/**
 * Refusals (409, 422) are part of a keyed request's first answer too; bad input and outages are
 * not. Stores this one under the key and gives back the answer stored for it: this refusal, or
 * the answer of a copy of the request that got there first. Undefined for any other error.
 */
export async function firstAnswerOfRefusal(
  c: Context<AppEnv>,
  personId: string,
  key: string | undefined,
  scope: string,
  error: unknown,
) {
  if (!key || !(error instanceof ApiError) || (error.status !== 409 && error.status !== 422)) return undefined;
  const refusal = errorResponse(c, error);
  await saveIdempotentResponse(c.var.db, personId, key, scope, refusal.status, await refusal.text());
  return (await findIdempotentResponse(c.var.db, personId, key))!;
}

/**
 * The ID number of the person's last registration that has one, checked then like a typed one; 400 on
 * `idNumber` when none is saved.
 */
async function savedNumber(keys: KeyRing, sealed: string | null) {
  if (!sealed) {
    throw new ApiError(400, 'validation_failed', { issues: [{ path: 'idNumber', message: 'id_number_not_saved' }] });
  }
  return decryptText(keys, sealed);
}

export const signUpRoutes = new Hono<AppEnv>()
  .post('/:slotId/registrations', param(slotParam), ...json(signUpBody), async (c) => {
    const { slotId } = c.req.valid('param');
    return signUpPerson(c, c.req.valid('json'), { slotId, scope: `POST /api/slots/${slotId}/registrations` });
  })
  .post('/:slotId/groups', requirePerson, param(slotParam), ...json(groupBody), async (c) => {
    const { slotId } = c.req.valid('param');
    const input = c.req.valid('json');
    const person = c.var.person;
    // The contact is the person signed in: no one else's phone is taken on their word.
    if (input.contactPhone !== person.phone) {
      throw new ApiError(400, 'validation_failed', {
        issues: [{ path: 'contactPhone', message: 'contact_phone_not_own' }],
      });
    }
    const db = c.var.db;
    await enforceLimits(c, [groupsPerPerson(person.id), groupsPerAddress(c)]);
    const { session } = openSlot(await findSlotForSignUp(db, slotId));
    const joinUntil = defaultJoinUntil(session.startsAt, Date.now());
    const result = await holdSeats(db, {
      slotId,
      contact: { personId: person.id, name: input.contactName, phone: input.contactPhone },
      organization: input.organization,
      seats: input.seats,
      joinUntil,
    });
    if (result.outcome !== 'held') throw new ApiError(409, result.outcome);
    const group = { id: result.id, code: result.code, seats: input.seats, joinUntil };
    return c.json({ group: groupView({ ...group, joined: 0, status: 'open' }) }, 201);
  });
