// Sign-ups, cancellations and waiting lists. Every check-and-write is one statement or one
// D1 batch (a single transaction), so crowds and retries can neither overbook nor double-book.
import { and, desc, eq, isNotNull, sql, type SQLWrapper } from 'drizzle-orm';
import type { Database } from './client.ts';
import { batch, preparedQuery, preparedSql, runBatch, runOne, type Placeholders, type Rows } from './prepared.ts';
import { confirmationNotification } from './notifications.ts';
import { fitsWindow, seatsTaken, takesASeat } from './seats.ts';
import { liveCitizenLogin } from './logins.ts';
import { logins, campaigns, donations, idempotentResponses, people, registrations, sessions, slots } from './schema.ts';
import { promoteWaiting, type Promoted } from './waiting-list.ts';

export type RegistrationStatus = (typeof registrations.status.enumValues)[number];

/**
 * Registrations one person may hold at once, confirmed or waiting, for sessions still to come: enough
 * for a donation, a class and a screening in the same weeks, too few to hold a drive's seats.
 * (Seats an organizer or a group contact holds for a group are not the person's registrations.)
 */
export const MAX_UPCOMING_REGISTRATIONS = 4;

/** The person's confirmed or waiting registrations for sessions that have not started (nor been cancelled). */
const upcomingRegistrations = (personId: string | SQLWrapper, now: number | SQLWrapper) => sql`(
  SELECT count(*) FROM registrations r
  JOIN slots s ON s.id = r.slot_id JOIN sessions se ON se.id = s.session_id
  WHERE r.person_id = ${personId} AND r.status IN ('confirmed', 'waitlisted')
    AND se.starts_at > ${now} AND se.cancelled_at IS NULL)`;

/** Waiting position of a registration (1 = next to be confirmed), or null when not waiting. */
const positionOf = (registrationId: SQLWrapper) => sql`(
  SELECT CASE WHEN r.status = 'waitlisted' THEN (
    SELECT count(*) FROM registrations w
    WHERE w.slot_id = r.slot_id AND w.status = 'waitlisted' AND w.arrival <= r.arrival
  ) END FROM registrations r WHERE r.id = ${registrationId})`;

/**
 * What a sign-up needs to know of the slot's session and campaign. Its column names are unique beside
 * a person's (a batch maps columns by name), hence the campaign's id under a name of its own.
 */
const slotColumns = {
  session: {
    startsAt: sessions.startsAt,
    endsAt: sessions.endsAt,
    windowMinutes: sessions.windowMinutes,
    cancelledAt: sessions.cancelledAt,
  },
  campaign: {
    id: sql<string>`${campaigns.id}`.as('campaign_id'),
    kind: campaigns.kind,
    status: campaigns.status,
    endsOn: campaigns.endsOn,
    eligibility: campaigns.eligibility,
    questions: campaigns.questions,
    organizationId: campaigns.organizationId,
  },
};

/** The slot's sign-up facts, as a statement that can join a D1 batch. */
export const slotForSignUp = preparedQuery((db, slot: Placeholders<{ slotId: string }>) =>
  db
    .select(slotColumns)
    .from(slots)
    .innerJoin(sessions, eq(sessions.id, slots.sessionId))
    .innerJoin(campaigns, eq(campaigns.id, sessions.campaignId))
    .where(eq(slots.id, slot.slotId)),
);

export type SlotForSignUp = Rows<typeof slotForSignUp>[number] | undefined;

/** The slot's sign-up facts on their own (one round trip). */
export const findSlotForSignUp = async (db: Database, slotId: string): Promise<SlotForSignUp> =>
  (await runOne(slotForSignUp(db, { slotId })))[0];

/** A person's donations, newest first. */
export const getDonations = (db: Database, personId: string) =>
  db
    .select({ day: donations.day, kind: donations.kind, adverseReaction: donations.adverseReaction })
    .from(donations)
    .where(eq(donations.personId, personId))
    .orderBy(desc(donations.day))
    .all();

/** The person's own registrations that keep an ID number (sealed): blood drives' only. */
const withIdNumber = (personId: string | SQLWrapper) =>
  and(eq(registrations.personId, personId), isNotNull(registrations.idNumberEncrypted));

/**
 * The sealed ID number of the person's most recent registration that has one, as a subquery: a
 * returning donor signs up with it instead of typing it again.
 */
const savedIdNumberOf = (db: Database, personId: SQLWrapper) =>
  db
    .select({ savedIdNumberEncrypted: registrations.idNumberEncrypted })
    .from(registrations)
    .where(withIdNumber(personId))
    .orderBy(desc(registrations.createdAt))
    .limit(1);

type Donation = Awaited<ReturnType<typeof getDonations>>[number];

/**
 * The person of a live login with everything else a sign-up or a move is decided by, in ONE
 * statement (each statement of a batch costs D1 and the Worker time of its own): their donations,
 * newest first; the sealed ID number of their last registration, when `savedIdNumber`; the stored
 * answer to this Idempotency-Key; and the slot's facts (`session` and `campaign` null when there is
 * no such slot). No row when the login is not live.
 */
export const signUpFacts = preparedQuery(
  (
    db,
    wanted: Placeholders<{
      tokenHash: string;
      now: number;
      idempotencyKey: string | null;
      savedIdNumber: 0 | 1;
      slotId: string;
    }>,
  ) =>
    db
      .select({
        person: people,
        donations: sql<Donation[]>`(
          SELECT json_group_array(json_object('day', day, 'kind', kind, 'adverseReaction', adverse_reaction))
          FROM donations WHERE person_id = ${people.id})`
          .mapWith((text: string) =>
            (JSON.parse(text) as { day: string; kind: Donation['kind']; adverseReaction: number }[])
              .map((donation) => ({ ...donation, adverseReaction: donation.adverseReaction === 1 }))
              .sort((a, b) => b.day.localeCompare(a.day)),
          )
          .as('donor_history'),
        // Read only when wanted, so a sign-up that types its number loads no other.
        savedIdNumberEncrypted: sql<string | null>`CASE WHEN ${wanted.savedIdNumber}
          THEN (${savedIdNumberOf(db, people.id)}) END`.as('saved_id_number'),
        // Without a key, nothing: `key = NULL` is never true.
        answered: sql<string | null>`(
          SELECT json_object('scope', scope, 'status', status, 'body', body) FROM idempotent_responses
          WHERE person_id = ${people.id} AND key = ${wanted.idempotencyKey})`
          // (Never called on NULL: drizzle passes a NULL through as null.)
          .mapWith((text: string): { scope: string; status: number; body: string } | null => JSON.parse(text))
          .as('answered'),
        ...slotColumns,
      })
      .from(logins)
      .innerJoin(people, eq(people.id, logins.personId))
      .leftJoin(slots, eq(slots.id, wanted.slotId))
      .leftJoin(sessions, eq(sessions.id, slots.sessionId))
      .leftJoin(campaigns, eq(campaigns.id, sessions.campaignId))
      .where(liveCitizenLogin(wanted.tokenHash, wanted.now)),
);

/** Whether the person has an ID number saved on a registration, as a query that can join a D1 batch. */
export const idNumberSavedBy = (db: Database, personId: string | SQLWrapper) =>
  db.select({ saved: sql<number>`1` }).from(registrations).where(withIdNumber(personId)).limit(1);

export interface NewRegistration {
  id: string;
  code: string;
  slotId: string;
  personId: string;
  name: string;
  answers: Record<string, string | number | boolean>;
  idNumberEncrypted: string | null;
  /** The group whose held seat this registration takes; without it, a free seat of the slot or the waiting list. */
  groupId?: string;
  /** The appointment window it takes, when the session has windows (domain/windows.ts), and its start as answered. */
  windowIndex: number | null;
  windowStartsAt: string | null;
  /** Facts to keep on the person's profile where it has none yet (null: nothing to fill); the birth date sealed. */
  profile: { name: string | null; gender: string | null; birthDateEncrypted: string | null; birthYear: number | null };
  idempotency?: { key: string; scope: string };
}

export type SignUpResult =
  | { outcome: 'booked'; status: 'confirmed' | 'waitlisted'; position: number | null }
  | { outcome: 'slot_full' }
  | { outcome: 'window_full' }
  | { outcome: 'too_many_sign_ups' }
  | { outcome: 'group_full' }
  | { outcome: 'already_registered' }
  | { outcome: 'code_taken' };

/**
/** The values a sign-up's statements are bound with: `NewRegistration`'s, flat. */
interface Booking {
  id: string;
  code: string;
  slotId: string;
  personId: string;
  name: string;
  answers: string;
  idNumberEncrypted: string | null;
  groupId: string | null;
  windowIndex: number | null;
  windowStartsAt: string | null;
  now: number;
  profileName: string | null;
  profileGender: string | null;
  birthDateEncrypted: string | null;
  birthYear: number | null;
  idempotencyKey: string | null;
  idempotencyScope: string | null;
}

type Booked = { status: 'confirmed' | 'waitlisted'; position: number | null };

/** The person holds fewer than MAX_UPCOMING_REGISTRATIONS: checked in the INSERT that books. */
const belowUpcomingLimit = (r: Placeholders<Booking>) =>
  sql`${upcomingRegistrations(r.personId, r.now)} < ${MAX_UPCOMING_REGISTRATIONS}`;

/**
 * Takes a seat when one is free and nobody is waiting for it, else joins the waiting list when
 * the slot has one, else books nothing; and nothing either when the person already holds
 * MAX_UPCOMING_REGISTRATIONS. In a session with appointment windows the seat must be free in the
 * window too, and a full window books nothing: a waiting place cannot promise a time (a person
 * picks another window instead). One INSERT decides, so no count can change under it, however
 * many requests arrive at once.
 */
const intoSlot = preparedSql<Booking, Booked>(
  (r) => sql`
  INSERT INTO registrations
    (id, slot_id, person_id, code, status, name, answers, id_number_encrypted, window_index, arrival)
  SELECT ${r.id}, s.id, ${r.personId}, ${r.code},
    CASE WHEN q.taken < s.capacity AND q.waiting = 0 THEN 'confirmed' ELSE 'waitlisted' END,
    ${r.name}, ${r.answers}, ${r.idNumberEncrypted}, ${r.windowIndex}, q.last + 1
  FROM slots s JOIN sessions se ON se.id = s.session_id, (SELECT
      ${seatsTaken(sql`${r.slotId}`)} AS taken,
      (SELECT count(*) FROM registrations WHERE slot_id = ${r.slotId} AND status = 'waitlisted') AS waiting,
      (SELECT coalesce(max(arrival), 0) FROM registrations WHERE slot_id = ${r.slotId}) AS last) q
  WHERE s.id = ${r.slotId} AND se.cancelled_at IS NULL AND ${fitsWindow('s', 'se', r.windowIndex)}
    AND ((q.taken < s.capacity AND q.waiting = 0) OR (s.waitlist = 1 AND se.window_minutes IS NULL))
    AND ${belowUpcomingLimit(r)}
  RETURNING status, CASE WHEN status = 'waitlisted' THEN
    (SELECT count(*) FROM registrations w WHERE w.slot_id = ${r.slotId} AND w.status = 'waitlisted') END AS position`,
);

/**
 * Takes one of the group's held seats while the group is open and one is unclaimed: the seat was
 * the slot's already, so the slot's count and its waiting list are not involved (a session's
 * window still must have room: a group's seats are held in the slot, not in a window). A member's
 * sign-up is theirs like any other, so it counts toward MAX_UPCOMING_REGISTRATIONS.
 */
const intoGroupSeat = preparedSql<Booking, Booked>(
  (r) => sql`
  INSERT INTO registrations
    (id, slot_id, person_id, code, status, name, answers, id_number_encrypted, group_id, window_index, arrival)
  SELECT ${r.id}, g.slot_id, ${r.personId}, ${r.code}, 'confirmed',
    ${r.name}, ${r.answers}, ${r.idNumberEncrypted}, g.id, ${r.windowIndex},
    (SELECT coalesce(max(arrival), 0) FROM registrations WHERE slot_id = g.slot_id) + 1
  FROM registration_groups g JOIN slots s ON s.id = g.slot_id JOIN sessions se ON se.id = s.session_id
  WHERE g.id = ${r.groupId} AND g.slot_id = ${r.slotId} AND g.status = 'open' AND g.join_until > ${r.now}
    AND (SELECT count(*) FROM registrations AS m WHERE m.group_id = g.id AND ${takesASeat('m')}) < g.seats
    AND se.cancelled_at IS NULL AND ${fitsWindow('s', 'se', r.windowIndex)}
    AND ${belowUpcomingLimit(r)}
  RETURNING status, NULL AS position`,
);

const confirmation = preparedSql<Booking>((r) => confirmationNotification(r.id));

/** Facts of the sign-up the person's profile lacks, kept there once it is booked. */
const profileFacts = preparedSql<Booking>(
  (r) => sql`
  UPDATE people SET
    name = coalesce(name, ${r.profileName}),
    gender = coalesce(gender, ${r.profileGender}),
    birth_date_encrypted = coalesce(birth_date_encrypted, ${r.birthDateEncrypted}),
    birth_year = coalesce(birth_year, ${r.birthYear})
  WHERE id = ${r.personId} AND EXISTS (SELECT 1 FROM registrations WHERE id = ${r.id})`,
);

/** The answer to the request, stored under its Idempotency-Key: what the route answers, built in SQL. */
const storedAnswer = preparedSql<Booking>(
  (r) => sql`
  INSERT INTO idempotent_responses (person_id, key, scope, status, body)
  SELECT ${r.personId}, ${r.idempotencyKey}, ${r.idempotencyScope}, 201,
    json_object('registration', json_patch(json_patch(
      json_object('id', r.id, 'code', r.code, 'status', r.status, 'slotId', r.slot_id),
      CASE WHEN r.status = 'waitlisted' THEN json_object('position', ${positionOf(r.id)}) ELSE '{}' END),
      CASE WHEN ${r.windowStartsAt} IS NOT NULL THEN json_object('windowStartsAt', ${r.windowStartsAt}) ELSE '{}' END))
  FROM registrations r WHERE r.id = ${r.id}`,
);

/**
 * Books the registration with its confirmation notification (when it took a seat), profile facts and stored
 * answer: one batch.
 */
export async function signUp(db: Database, r: NewRegistration, now = Date.now()): Promise<SignUpResult> {
  const values: Booking = {
    id: r.id,
    code: r.code,
    slotId: r.slotId,
    personId: r.personId,
    name: r.name,
    answers: JSON.stringify(r.answers),
    idNumberEncrypted: r.idNumberEncrypted,
    groupId: r.groupId ?? null,
    windowIndex: r.windowIndex,
    windowStartsAt: r.windowStartsAt,
    now,
    profileName: r.profile.name,
    profileGender: r.profile.gender,
    birthDateEncrypted: r.profile.birthDateEncrypted,
    birthYear: r.profile.birthYear,
    idempotencyKey: r.idempotency?.key ?? null,
    idempotencyScope: r.idempotency?.scope ?? null,
  };
  try {
    const fillsProfile = Object.values(r.profile).some((value) => value !== null);
    const [inserted] = await runBatch(db, [
      (r.groupId === undefined ? intoSlot : intoGroupSeat)(db, values),
      confirmation(db, values),
      ...(fillsProfile ? [profileFacts(db, values)] : []),
      ...(r.idempotency ? [storedAnswer(db, values)] : []),
    ]);
    const row = inserted[0];
    if (!row) {
      // Nothing booked: say which rule refused (the counts are read again after the fact).
      const [held] = await batch<[{ n: number; windowFits: number | null }[]]>(db, [
        sql`SELECT ${upcomingRegistrations(r.personId, now)} AS n,
              (SELECT ${fitsWindow('s', 'se', r.windowIndex)} FROM slots s JOIN sessions se ON se.id = s.session_id
               WHERE s.id = ${r.slotId}) AS windowFits`,
      ]);
      if (held[0]!.n >= MAX_UPCOMING_REGISTRATIONS) return { outcome: 'too_many_sign_ups' };
      if (held[0]!.windowFits === 0) return { outcome: 'window_full' };
      return { outcome: r.groupId === undefined ? 'slot_full' : 'group_full' };
    }
    return { outcome: 'booked', status: row.status, position: row.position };
  } catch (error) {
    if (isUniqueViolation(error, 'registrations.slot_id')) return { outcome: 'already_registered' };
    if (isUniqueViolation(error, 'registrations.code')) return { outcome: 'code_taken' };
    throw error;
  }
}

/** True when D1 refused a write for a UNIQUE index on the named columns. */
export function isUniqueViolation(error: unknown, columnPrefix: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes('UNIQUE constraint failed') && e.message.includes(columnPrefix)) return true;
  }
  return false;
}

export async function getOwnRegistration(db: Database, id: string, personId: string) {
  return db
    .select({
      id: registrations.id,
      slotId: registrations.slotId,
      status: registrations.status,
      startsAt: sessions.startsAt,
    })
    .from(registrations)
    .innerJoin(slots, eq(slots.id, registrations.slotId))
    .innerJoin(sessions, eq(sessions.id, slots.sessionId))
    .where(and(eq(registrations.id, id), eq(registrations.personId, personId)))
    .get();
}

/**
 * Cancels a confirmed or waiting registration and, in the same batch, gives a freed seat to the first
 * person waiting, who is texted (db/waiting-list.ts).
 */
export async function cancelRegistration(db: Database, registration: { id: string; slotId: string; personId: string }) {
  const [cancelled, , promoted] = await batch<[{ id: string }[], [], Promoted]>(db, [
    sql`
      UPDATE registrations SET status = 'cancelled', cancelled_at = ${Date.now()}
      WHERE id = ${registration.id} AND person_id = ${registration.personId} AND status IN ('confirmed', 'waitlisted')
      RETURNING id`,
    ...promoteWaiting(registration.slotId),
  ]);
  return { cancelled: cancelled.length === 1, promoted };
}

/** The stored answer to the person's request with this Idempotency-Key. */
export const findIdempotentResponse = (db: Database, personId: string, key: string) =>
  db
    .select({ scope: idempotentResponses.scope, status: idempotentResponses.status, body: idempotentResponses.body })
    .from(idempotentResponses)
    .where(and(eq(idempotentResponses.personId, personId), eq(idempotentResponses.key, key)))
    .get();

/** Remembers a refusal, so a retry with the same key hears the same answer. */
export async function saveIdempotentResponse(
  db: Database,
  personId: string,
  key: string,
  scope: string,
  status: number,
  body: string,
) {
  await db.insert(idempotentResponses).values({ personId, key, scope, status, body }).onConflictDoNothing();
}

/**
 * A person's registrations with slot, session and campaign, newest first; with `registrationId`, just
 * that one (when it is theirs). A query that can join a D1 batch (the person may be a subquery),
 * hence the ids of the joined tables under names of their own.
 */
export const personRegistrations = (db: Database, personId: string | SQLWrapper, registrationId?: string) =>
  db
    .select({
      id: registrations.id,
      code: registrations.code,
      status: registrations.status,
      createdAt: registrations.createdAt,
      checkedInAt: registrations.checkedInAt,
      windowIndex: registrations.windowIndex,
      position: sql<number | null>`${positionOf(sql.raw('"registrations"."id"'))}`,
      slot: { id: sql<string>`${slots.id}`.as('slot_key'), role: slots.role },
      session: {
        id: sql<string>`${sessions.id}`.as('session_key'),
        startsAt: sessions.startsAt,
        endsAt: sessions.endsAt,
        venue: sessions.venue,
        address: sessions.address,
        windowMinutes: sessions.windowMinutes,
      },
      campaign: { id: sql<string>`${campaigns.id}`.as('campaign_key'), title: campaigns.title, kind: campaigns.kind },
    })
    .from(registrations)
    .innerJoin(slots, eq(slots.id, registrations.slotId))
    .innerJoin(sessions, eq(sessions.id, slots.sessionId))
    .innerJoin(campaigns, eq(campaigns.id, sessions.campaignId))
    .where(
      and(
        eq(registrations.personId, personId),
        registrationId === undefined ? undefined : eq(registrations.id, registrationId),
      ),
    )
    .orderBy(desc(registrations.createdAt), desc(registrations.id))
    .limit(500);
