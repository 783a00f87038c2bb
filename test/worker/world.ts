// A small city for the fuzz and fault tests: two organizations, staff of each role, a blood drive
// and a CPR class with slots (one with a waiting list), a quiz season open today, and a citizen
// with a profile, a sign-up and a quiz attempt. Sessions are made straight in D1, one per
// request if need be, so a fuzzed logout cannot sign the rest of the run out.
import { env } from 'cloudflare:workers';
import { createLogin, type Subject } from '../../worker/db/logins.ts';
import { database } from '../../worker/db/client.ts';
import { createCampaign } from './fixtures.ts';
import { createOrganization, newAddress, newPhone, signInCitizen, signInStaff, signUp, testClient } from './helpers.ts';
import { setUpSeason, startAttempt, type AttemptBody } from './quiz-fixtures.ts';

export const IDENTITIES = ['anonymous', 'citizen', 'checkin', 'organizer', 'admin'] as const;
export type Identity = (typeof IDENTITIES)[number];

/** A valid sign-up for the blood drive: an adult donor whose ID number gives birth date and gender. */
export const DONOR = { name: '李献血', idNumber: '371502199003071230', weightKg: 65 };

/** The CPR class asks these; a valid answer set is in CPR_ANSWERS. */
export const CPR_QUESTIONS = [
  { key: 'shirt', label: 'T恤尺码', type: 'choice', required: true, options: ['S', 'M', 'L'] },
  { key: 'age', label: '年龄', type: 'number', required: false },
  { key: 'firstAid', label: '学过急救', type: 'boolean', required: false },
  { key: 'note', label: '备注', type: 'text', required: false },
];
export const CPR_ANSWERS = { shirt: 'M', age: 30, firstAid: true, note: '无' };

const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

export type World = Awaited<ReturnType<typeof setUpWorld>>;

/** A login cookie for the subject, written straight to D1. */
export async function loginCookie(subject: Subject) {
  const token = await createLogin(database(env.DB), subject, 3600);
  return `${'personId' in subject ? 'lifeline_session' : 'lifeline_staff'}=${token}`;
}

/** A signed-in citizen without the SMS round trips (the sign-in has its own tests). */
export async function quickCitizen(profile: { name?: string; district?: string } = {}) {
  const personId = crypto.randomUUID();
  const phone = newPhone();
  await env.DB.prepare('INSERT INTO people (id, phone, name, district) VALUES (?, ?, ?, ?)')
    .bind(personId, phone, profile.name ?? null, profile.district ?? null)
    .run();
  return { personId, phone, cookie: await loginCookie({ personId }) };
}

/** A signed-in staff member without hashing a password (the login has its own tests). */
export async function quickStaff(role: 'admin' | 'organizer' | 'checkin', organizationId: string | null = null) {
  const staffId = crypto.randomUUID();
  await env.DB.prepare('INSERT INTO staff (id, email, password_hash, role, organization_id) VALUES (?, ?, ?, ?, ?)')
    .bind(staffId, `${role}-${staffId}@example.org`, 'no password', role, organizationId)
    .run();
  return { staffId, cookie: await loginCookie({ staffId }) };
}

export async function setUpWorld() {
  const organizationId = await createOrganization();
  const otherOrganizationId = await createOrganization();
  const admin = await signInStaff('admin');
  const organizer = await signInStaff('organizer', organizationId);
  const checkin = await signInStaff('checkin', organizationId);

  const sessionTimes = { startsAt: inDays(10), endsAt: inDays(10.2) };
  const drive = await createCampaign({
    kind: 'blood_drive',
    organizationId,
    sessions: [{ ...sessionTimes, slots: [{ role: '献血者', capacity: 3, waitlist: true }] }],
  });
  const cpr = await createCampaign({
    kind: 'cpr_training',
    organizationId,
    sessions: [
      {
        ...sessionTimes,
        slots: [
          { role: '学员', capacity: 2, waitlist: true },
          { role: '助教', capacity: 1 },
        ],
      },
    ],
  });
  await env.DB.prepare('UPDATE campaigns SET questions = ? WHERE id = ?')
    .bind(JSON.stringify(CPR_QUESTIONS), cpr.id)
    .run();
  const foreign = await createCampaign({
    kind: 'outreach',
    organizationId: otherOrganizationId,
    sessions: [{ ...sessionTimes, slots: [{ role: '志愿者', capacity: 5 }] }],
  });
  const draft = await createCampaign({
    kind: 'outreach',
    organizationId,
    status: 'draft',
    sessions: [{ ...sessionTimes, slots: [{ role: '志愿者', capacity: 5 }] }],
  });
  const quiz = await setUpSeason({ questionsPerDay: 3 });

  const citizen = await signInCitizen();
  const profile = await testClient({ cookie: citizen.cookie }).me.$patch({
    json: { name: '张三', district: '东昌府区', gender: 'male', birthDate: '1990-03-07' },
  });
  if (profile.status !== 200) throw new Error(`profile: ${profile.status}`);
  const signedUp = await signUp(citizen.cookie, cpr.slotIds[0]!, { name: '张三', answers: CPR_ANSWERS });
  if (signedUp.status !== 201) throw new Error(`sign-up: ${signedUp.status} ${await signedUp.text()}`);
  const { registration } = await signedUp.json();
  // A team holding seats for members to join from its invitation link (its own slot, so that the
  // seats it holds take none of the others').
  const teamCampaign = await createCampaign({
    kind: 'cpr_training',
    organizationId,
    sessions: [{ ...sessionTimes, slots: [{ role: '学员', capacity: 10 }] }],
  });
  // An address of its own: the fuzzing's team holds from the shared one may have used up its limit.
  const held = await testClient({ cookie: citizen.cookie, address: newAddress() }).slots[':slotId'].groups.$post({
    param: { slotId: teamCampaign.slotIds[0]! },
    json: { organization: '某公司', contactName: '张三', contactPhone: citizen.phone, seats: 3 },
  });
  if (held.status !== 201) throw new Error(`team: ${held.status} ${await held.text()}`);
  const { group: team } = await held.json();
  const started = await startAttempt(quiz.seasonId, citizen.cookie);
  if (started.status !== 201) throw new Error(`quiz start: ${started.status}`);
  const { attempt } = (await started.json()) as AttemptBody;

  const subjects = {
    citizen: { personId: citizen.personId },
    checkin: { staffId: checkin.staffId },
    organizer: { staffId: organizer.staffId },
    admin: { staffId: admin.staffId },
  };

  return {
    organizationId,
    otherOrganizationId,
    drive,
    cpr,
    foreign,
    draft,
    quiz,
    citizen,
    registration,
    team,
    attempt,
    staff: { admin, organizer, checkin },
    /** A fresh login cookie for the identity (none for anonymous). */
    cookieFor: async (identity: Identity) => (identity === 'anonymous' ? undefined : loginCookie(subjects[identity])),
  };
}
