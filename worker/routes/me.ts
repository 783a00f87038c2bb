// A citizen's own profile.
import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import { changeProfile, revealPerson, type Person } from '../db/people.ts';
import { playsInRunningSeason } from '../db/quiz-boards.ts';
import { personByLogin, loginPersonId } from '../db/logins.ts';
import { listContactGroups } from '../db/registration-groups.ts';
import { getDonations, idNumberSavedBy, personRegistrations } from '../db/registrations.ts';
import { calendarFile } from '../domain/calendar.ts';
import { chinaDay, toChinaIso } from '../domain/china-time.ts';
import { maskPhone } from '../domain/phone.ts';
import { bloodTypes, genders, rhDs, profileProblems, type Profile } from '../domain/profile.ts';
import type { AppEnv } from '../env.ts';
import { personLoginHash, requirePerson } from '../lib/auth.ts';
import { encryptionKeys } from '../lib/crypto.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { languages } from '../lib/messages.ts';
import { json, param, query } from '../lib/validation.ts';
import { contactGroupView } from './group-views.ts';
import { windowView } from './views.ts';
import { windowTimes } from '../domain/windows.ts';
import { donorRecordRoutes } from './donor-record.ts';
import { volunteeringRoutes } from './volunteering.ts';
import { calendarDay, idParam, personName } from './schemas.ts';

const nullable = <S extends v.GenericSchema>(schema: S) => v.optional(v.nullable(schema));

const profileChange = v.object({
  name: nullable(personName),
  gender: nullable(v.picklist(genders)),
  birthDate: nullable(calendarDay),
  bloodType: nullable(v.picklist(bloodTypes)),
  rhD: nullable(v.picklist(rhDs)),
  district: nullable(v.pipe(v.string(), v.maxLength(40, 'district_unknown'))),
  emergencyDonor: v.optional(v.boolean()),
  reminders: v.optional(v.boolean()),
  quizNudges: v.optional(v.boolean()),
});

const profileOf = ({
  name,
  gender,
  birthDate,
  bloodType,
  rhD,
  district,
  emergencyDonor,
  reminders,
  quizNudges,
}: Person): Profile => ({
  name,
  gender,
  birthDate,
  bloodType,
  rhD,
  district,
  emergencyDonor,
  reminders,
  quizNudges,
});

type RegistrationRow = Awaited<ReturnType<typeof personRegistrations>>[number];

/**
 * The signed-in citizen's registrations (or the one asked for), read in the round trip that checks the
 * login: "My sign-ups" is the page a citizen opens most. 401 without a live login.
 */
async function ownRegistrations(c: Context<AppEnv>, registrationId?: string) {
  const loginHash = await personLoginHash(c);
  if (!loginHash) throw new ApiError(401, 'unauthenticated');
  const db = c.var.db;
  const now = Date.now();
  const [signedIn, rows] = await db.batch([
    loginPersonId(db, loginHash, now),
    personRegistrations(db, loginPersonId(db, loginHash, now), registrationId),
  ]);
  if (!signedIn[0]) throw new ApiError(401, 'unauthenticated');
  return rows;
}

/** One of the person's registrations, as "My sign-ups" and the pass show it. */
const registrationItemView = ({
  createdAt,
  checkedInAt,
  position,
  windowIndex,
  session: { windowMinutes, ...session },
  ...registration
}: RegistrationRow) => ({
  ...registration,
  ...(position !== null && { position }),
  createdAt: toChinaIso(createdAt),
  checkedInAt: checkedInAt ? toChinaIso(checkedInAt) : null,
  session: { ...session, startsAt: toChinaIso(session.startsAt), endsAt: toChinaIso(session.endsAt) },
  // The time to come, when the session has appointment windows.
  window: windowView({ ...session, windowMinutes }, windowIndex),
});

function personView(person: Person) {
  return {
    id: person.id,
    phone: maskPhone(person.phone),
    name: person.name,
    gender: person.gender,
    birthDate: person.birthDate,
    bloodType: person.bloodType,
    rhD: person.rhD,
    district: person.district,
    emergencyDonor: person.emergencyDonor,
    reminders: person.reminders,
    quizNudges: person.quizNudges,
  };
}

export const meRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const loginHash = await personLoginHash(c);
    if (!loginHash) throw new ApiError(401, 'unauthenticated');
    const db = c.var.db;
    const now = Date.now();
    // Whether a returning donor's form may offer the last registration's ID number, in the same round trip.
    const [signedIn, saved] = await db.batch([
      personByLogin(db, loginHash, now),
      idNumberSavedBy(db, loginPersonId(db, loginHash, now)),
    ]);
    const stored = signedIn[0]?.person;
    if (!stored) throw new ApiError(401, 'unauthenticated');
    const person = await revealPerson(encryptionKeys(c.env), stored);
    return c.json({ person: { ...personView(person), idNumberSaved: saved.length > 0 } }, 200);
  })
  .patch('/', requirePerson, ...json(profileChange), async (c) => {
    const change = Object.fromEntries(
      Object.entries(c.req.valid('json')).filter(([, value]) => value !== undefined),
    ) as Partial<Profile>;
    const current = c.var.person;
    // Fields left out keep their value; null clears one.
    const next: Profile = { ...profileOf(current), ...change };
    const problems = profileProblems(next, chinaDay(Date.now()));
    if (next.district !== null && !c.env.DISTRICTS.includes(next.district)) {
      problems.push({ path: 'district', message: 'district_unknown' });
    }
    if (problems.length > 0) throw new ApiError(400, 'validation_failed', { issues: problems });

    const db = c.var.db;
    // Fair play: once on a running quiz season's board, nobody hops to another name or district board.
    const locked = (['name', 'district'] as const).filter(
      (field) => field in change && change[field] !== current[field],
    );
    if (locked.length > 0 && (await playsInRunningSeason(db, current.id, chinaDay(Date.now())))) {
      throw new ApiError(409, 'profile_locked', {
        issues: locked.map((path) => ({ path, message: 'profile_locked' })),
      });
    }
    const person = await changeProfile(db, encryptionKeys(c.env), current.id, change);
    // Another change landed in between and this one would now break the emergency-donor rule.
    if (!person) throw new ApiError(409, 'profile_changed');
    return c.json({ person: personView(person) }, 200);
  })
  .get('/registrations', async (c) => {
    const rows = await ownRegistrations(c);
    return c.json({ items: rows.map(registrationItemView) }, 200);
  })
  .get('/registrations/:id', param(idParam), async (c) => {
    // Someone else's registration does not exist for this person.
    const [row] = await ownRegistrations(c, c.req.valid('param').id);
    if (!row) throw notFound();
    return c.json({ registration: registrationItemView(row) }, 200);
  })
  // Add to calendar: a plain link the phone opens (a generated blob: download fails inside WeChat's
  // browser). The address holds the registration's random id and the page's language, nothing personal.
  .get(
    '/registrations/:id/calendar.ics',
    param(idParam),
    query(v.object({ lang: v.optional(v.picklist(languages)) })),
    async (c) => {
      const [row] = await ownRegistrations(c, c.req.valid('param').id);
      if (!row || row.status === 'cancelled') throw notFound();
      const file = calendarFile(
        {
          id: row.id,
          code: row.code,
          title: row.campaign.title,
          role: row.slot.role,
          kind: row.campaign.kind,
          // The time to come: the booked window where the session has them, else the session.
          ...(windowTimes(row.session, row.windowIndex) ?? {
            startsAt: row.session.startsAt,
            endsAt: row.session.endsAt,
          }),
          venue: row.session.venue,
          address: row.session.address,
          passUrl: new URL(`/me/sign-ups/${encodeURIComponent(row.id)}`, c.req.url).href,
        },
        c.req.valid('query').lang ?? c.get('language'),
      );
      return c.body(file, 200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': 'attachment; filename="lifeline.ics"',
        'cache-control': 'no-store',
      });
    },
  )
  // The groups this person holds seats for: where a contact finds an invitation link again.
  .get('/groups', requirePerson, async (c) => {
    const rows = await listContactGroups(c.var.db, c.var.person.id);
    return c.json({ items: rows.map(contactGroupView) }, 200);
  })
  .route('/donor', donorRecordRoutes)
  .route('/volunteering', volunteeringRoutes)
  .get('/donations', requirePerson, async (c) => {
    const items = await getDonations(c.var.db, c.var.person.id);
    return c.json({ items: items.map(({ day, kind }) => ({ day, kind })) }, 200);
  });
