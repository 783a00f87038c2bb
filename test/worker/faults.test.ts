// D1 failing mid-request. For each flow that writes more than one thing, every round trip to D1
// fails in turn — before D1 does the work, after it did it but the answer was lost, after a wait,
// and for good. A read that failed once is tried again and the request goes through; otherwise
// the answer is a 503 `unavailable` with Retry-After and no detail, the data holds the whole change
// or none of it and every invariant, and the same request sent again lands exactly once.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { database } from '../../worker/db/client.ts';
import { issueCode } from '../../worker/db/otp-codes.ts';
import { D1_OUTAGES, faultyD1, type FaultMode, type Step } from './faulty-d1.ts';
import { createCampaign, startSessionNow } from './fixtures.ts';
import { call, createStaffMember, errorOf, newAddress, newPhone } from './helpers.ts';
import { invariantViolations } from './invariants.ts';
import { answersFor, setUpSeason, startAttempt, type AttemptBody } from './quiz-fixtures.ts';
import { DONOR, quickCitizen, quickStaff } from './world.ts';

interface Trial {
  /** Sends the flow's request through the given binding: the same request every time (same Idempotency-Key). */
  send(db: D1Database): Promise<Response> | Response;
  /** What the flow changed, as facts that do not depend on generated ids. */
  effect(): Promise<unknown>;
}

interface Flow {
  name: string;
  /** The status of success. */
  ok: number;
  /**
   * The refusal a retry hears when the first request's answer was lost after its write landed,
   * and the contract gives that request no Idempotency-Key to replay it by.
   */
  alreadyDone?: string;
  setUp(): Promise<Trial>;
}

/**
 * The request's bindings with D1 replaced. Texts queued by a write are relayed after the answer
 * (best effort, retried by the cron), so the relay is left out: its round trips are not the request's.
 */
const through = (db: D1Database) => ({ DB: db, NOTIFICATIONS: undefined });

const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const ACTIVE = `status IN ('confirmed', 'waitlisted', 'checked_in')`;

async function row(query: string, ...values: unknown[]) {
  return env.DB.prepare(query)
    .bind(...values)
    .first();
}

/** A published campaign with one session in ten days and the given slot. */
const campaignWithSlot = (
  kind: 'blood_drive' | 'cpr_training',
  slot: { capacity: number; waitlist?: boolean },
  organizationId?: string,
) =>
  createCampaign({
    kind,
    organizationId,
    sessions: [{ startsAt: inDays(10), endsAt: inDays(10.2), slots: [{ role: '志愿者', ...slot }] }],
  });

let quizSeason: Promise<{ seasonId: string }> | undefined;

const FLOWS: Flow[] = [
  {
    name: 'sign-up (blood drive, with Idempotency-Key, filling the profile)',
    ok: 201,
    async setUp() {
      const { slotIds } = await campaignWithSlot('blood_drive', { capacity: 5 });
      const citizen = await quickCitizen();
      const key = crypto.randomUUID();
      return {
        send: (db) =>
          call(`/api/slots/${slotIds[0]}/registrations`, {
            bindings: through(db),
            cookie: citizen.cookie,
            headers: { 'idempotency-key': key },
            body: DONOR,
          }),
        effect: () =>
          row(
            `SELECT (SELECT count(*) FROM registrations WHERE person_id = ?1 AND ${ACTIVE}) AS active,
                    (SELECT count(*) FROM idempotent_responses WHERE person_id = ?1) AS stored,
                    (SELECT gender FROM people WHERE id = ?1) AS gender`,
            citizen.personId,
          ),
      };
    },
  },
  {
    name: 'team seat hold',
    ok: 201,
    alreadyDone: 'group_exists',
    async setUp() {
      const { slotIds } = await campaignWithSlot('cpr_training', { capacity: 5 });
      const citizen = await quickCitizen();
      const body = { organization: '某公司', contactName: '王经理', contactPhone: citizen.phone, seats: 3 };
      return {
        send: (db) => call(`/api/slots/${slotIds[0]}/groups`, { bindings: through(db), cookie: citizen.cookie, body }),
        effect: () =>
          row(
            `SELECT (SELECT count(*) FROM registration_groups WHERE slot_id = ?1) AS groups,
                    (SELECT sum(seats) FROM registration_groups WHERE slot_id = ?1) AS seats,
                    (SELECT count(*) FROM registrations WHERE slot_id = ?1) AS registrations`,
            slotIds[0],
          ),
      };
    },
  },
  {
    name: 'joining a team from its invitation link',
    ok: 201,
    alreadyDone: 'already_registered',
    async setUp() {
      const { slotIds } = await campaignWithSlot('cpr_training', { capacity: 5 });
      const contact = await quickCitizen();
      const held = await call(`/api/slots/${slotIds[0]}/groups`, {
        cookie: contact.cookie,
        body: { organization: '某公司', contactName: '王经理', contactPhone: contact.phone, seats: 2 },
      });
      const { group } = (await held.json()) as { group: { id: string; code: string } };
      const member = await quickCitizen();
      return {
        send: (db) =>
          call(`/api/groups/${group.code}/registrations`, {
            bindings: through(db),
            cookie: member.cookie,
            body: { name: '成员' },
          }),
        effect: () =>
          row(
            `SELECT count(*) AS members, min(status) AS status FROM registrations WHERE group_id = ?1 AND person_id = ?2`,
            group.id,
            member.personId,
          ),
      };
    },
  },
  {
    name: 'cancel, which gives the seat to the first person waiting',
    ok: 200,
    alreadyDone: 'already_cancelled',
    async setUp() {
      const { slotIds } = await campaignWithSlot('cpr_training', { capacity: 1, waitlist: true });
      const [holder, waiting] = [await quickCitizen(), await quickCitizen()];
      const ids: string[] = [];
      for (const citizen of [holder, waiting]) {
        const response = await call(`/api/slots/${slotIds[0]}/registrations`, {
          cookie: citizen.cookie,
          body: { name: '张三' },
        });
        ids.push(((await response.json()) as { registration: { id: string } }).registration.id);
      }
      return {
        send: (db) =>
          call(`/api/registrations/${ids[0]}/cancel`, { bindings: through(db), method: 'POST', cookie: holder.cookie }),
        effect: () =>
          row(
            `SELECT (SELECT status FROM registrations WHERE id = ?1) AS holder, (SELECT status FROM registrations WHERE id = ?2) AS waiting`,
            ...ids,
          ),
      };
    },
  },
  {
    name: 'capacity raise, which confirms the first person waiting',
    ok: 200,
    async setUp() {
      const { slotIds, organizationId } = await campaignWithSlot('cpr_training', { capacity: 1, waitlist: true });
      for (const citizen of [await quickCitizen(), await quickCitizen()]) {
        await call(`/api/slots/${slotIds[0]}/registrations`, { cookie: citizen.cookie, body: { name: '张三' } });
      }
      const organizer = await quickStaff('organizer', organizationId);
      return {
        send: (db) =>
          call(`/api/admin/slots/${slotIds[0]}`, {
            bindings: through(db),
            method: 'PATCH',
            cookie: organizer.cookie,
            body: { capacity: 2 },
          }),
        // A retry is a second edit and is logged as one: what matters is that no edit goes unlogged.
        effect: () =>
          row(
            `SELECT (SELECT capacity FROM slots WHERE id = ?1) AS capacity,
                    (SELECT count(*) FROM registrations WHERE slot_id = ?1 AND status = 'waitlisted') AS waiting,
                    (SELECT count(*) > 0 FROM audit_log WHERE action = 'slot.update' AND target_id = ?1) AS audited`,
            slotIds[0],
          ),
      };
    },
  },
  {
    name: 'check-in recording a donation',
    ok: 200,
    alreadyDone: 'already_checked_in',
    async setUp() {
      const { slotIds, organizationId } = await campaignWithSlot('blood_drive', { capacity: 5 });
      const donor = await quickCitizen();
      const signedUp = await call(`/api/slots/${slotIds[0]}/registrations`, { cookie: donor.cookie, body: DONOR });
      const { registration } = (await signedUp.json()) as { registration: { id: string; code: string } };
      await startSessionNow(slotIds[0]!);
      const desk = await quickStaff('checkin', organizationId);
      return {
        send: (db) =>
          call('/api/admin/checkins', {
            bindings: through(db),
            cookie: desk.cookie,
            body: { code: registration.code, donated: 'whole_blood' },
          }),
        effect: () =>
          row(
            `SELECT (SELECT status FROM registrations WHERE id = ?1) AS status, (SELECT count(*) FROM donations WHERE registration_id = ?1) AS donations`,
            registration.id,
          ),
      };
    },
  },
  {
    name: 'quiz submit, with the season totals',
    ok: 200,
    alreadyDone: 'already_submitted',
    async setUp() {
      quizSeason ??= setUpSeason({ questionsPerDay: 3 });
      const { seasonId } = await quizSeason;
      const player = await quickCitizen({ name: '张三', district: '东昌府区' });
      const { attempt } = (await (await startAttempt(seasonId, player.cookie)).json()) as AttemptBody;
      const body = { answers: await answersFor(seasonId, attempt, 2) };
      return {
        send: (db) =>
          call(`/api/quiz/attempts/${attempt.id}/submit`, { bindings: through(db), cookie: player.cookie, body }),
        effect: () =>
          row(
            `SELECT (SELECT submitted_at IS NOT NULL FROM quiz_attempts WHERE id = ?1) AS submitted,
                    (SELECT score FROM quiz_players WHERE person_id = ?2) AS total,
                    (SELECT days_played FROM quiz_players WHERE person_id = ?2) AS days`,
            attempt.id,
            player.personId,
          ),
      };
    },
  },
  {
    name: 'profile change',
    ok: 200,
    async setUp() {
      const citizen = await quickCitizen();
      const body = { name: '新名字', district: '临清市', bloodType: 'O', emergencyDonor: true };
      return {
        send: (db) => call('/api/me', { bindings: through(db), method: 'PATCH', cookie: citizen.cookie, body }),
        effect: () =>
          row('SELECT name, district, blood_type, emergency_donor FROM people WHERE id = ?', citizen.personId),
      };
    },
  },
  {
    name: 'campaign creation (with Idempotency-Key)',
    ok: 201,
    async setUp() {
      const { organizationId } = await createCampaign();
      const organizer = await quickStaff('organizer', organizationId);
      const title = `故障演练 ${crypto.randomUUID()}`;
      const body = {
        kind: 'outreach',
        title,
        description: '说明',
        startsOn: '2099-03-01',
        endsOn: '2099-03-02',
        status: 'published',
      };
      const key = crypto.randomUUID();
      return {
        send: (db) =>
          call('/api/admin/campaigns', {
            bindings: through(db),
            cookie: organizer.cookie,
            headers: { 'idempotency-key': key },
            body,
          }),
        effect: () =>
          row(
            `SELECT (SELECT count(*) FROM campaigns WHERE title = ?1) AS campaigns,
                    (SELECT count(*) FROM audit_log WHERE action = 'campaign.create' AND target_id IN (SELECT id FROM campaigns WHERE title = ?1)) AS audited`,
            title,
          ),
      };
    },
  },
  {
    name: 'session creation with its slots (with Idempotency-Key)',
    ok: 201,
    async setUp() {
      const { id, organizationId } = await createCampaign();
      const organizer = await quickStaff('organizer', organizationId);
      const body = {
        startsAt: inDays(20),
        endsAt: inDays(20.1),
        venue: '会场',
        address: '地址',
        slots: [
          { role: '甲', capacity: 2 },
          { role: '乙', capacity: 3 },
        ],
      };
      const key = crypto.randomUUID();
      return {
        send: (db) =>
          call(`/api/admin/campaigns/${id}/sessions`, {
            bindings: through(db),
            cookie: organizer.cookie,
            headers: { 'idempotency-key': key },
            body,
          }),
        effect: () =>
          row(
            `SELECT (SELECT count(*) FROM sessions WHERE campaign_id = ?1) AS sessions,
                    (SELECT count(*) FROM slots WHERE session_id IN (SELECT id FROM sessions WHERE campaign_id = ?1)) AS slots,
                    (SELECT count(*) FROM audit_log WHERE action = 'session.create' AND campaign_id = ?1) AS audited`,
            id,
          ),
      };
    },
  },
  {
    name: 'session cancellation, which cancels its sign-ups',
    ok: 200,
    alreadyDone: 'session_cancelled',
    async setUp() {
      const { slotIds, sessionIds, organizationId } = await campaignWithSlot('cpr_training', {
        capacity: 1,
        waitlist: true,
      });
      for (const citizen of [await quickCitizen(), await quickCitizen()]) {
        await call(`/api/slots/${slotIds[0]}/registrations`, { cookie: citizen.cookie, body: { name: '张三' } });
      }
      const organizer = await quickStaff('organizer', organizationId);
      return {
        send: (db) =>
          call(`/api/admin/sessions/${sessionIds[0]}/cancel`, {
            bindings: through(db),
            method: 'POST',
            cookie: organizer.cookie,
          }),
        effect: () =>
          row(
            `SELECT (SELECT cancelled_at IS NOT NULL FROM sessions WHERE id = ?1) AS cancelled,
                    (SELECT count(*) FROM registrations WHERE slot_id = ?2 AND status <> 'cancelled') AS active,
                    (SELECT count(*) FROM audit_log WHERE action = 'session.cancel' AND target_id = ?1) AS audited`,
            sessionIds[0],
            slotIds[0],
          ),
      };
    },
  },
  {
    name: 'staff creation',
    ok: 201,
    alreadyDone: 'email_taken',
    async setUp() {
      const { organizationId } = await createCampaign();
      const organizer = await quickStaff('organizer', organizationId);
      const email = `desk-${crypto.randomUUID()}@example.org`;
      return {
        send: (db) =>
          call('/api/admin/staff', {
            bindings: through(db),
            cookie: organizer.cookie,
            body: { email, password: 'a long password', role: 'checkin', organizationId },
          }),
        effect: () =>
          row(
            `SELECT (SELECT count(*) FROM staff WHERE email = ?1) AS staff,
                    (SELECT count(*) FROM audit_log WHERE action = 'staff.create' AND target_id IN (SELECT id FROM staff WHERE email = ?1)) AS audited`,
            email,
          ),
      };
    },
  },
  {
    name: 'organization creation',
    ok: 201,
    alreadyDone: 'organization_exists',
    async setUp() {
      const admin = await quickStaff('admin');
      const name = `医院 ${crypto.randomUUID()}`;
      return {
        send: (db) => call('/api/admin/organizations', { bindings: through(db), cookie: admin.cookie, body: { name } }),
        effect: () =>
          row(
            `SELECT (SELECT count(*) FROM organizations WHERE name = ?1) AS organizations,
                    (SELECT count(*) FROM audit_log WHERE action = 'organization.create' AND target_id IN (SELECT id FROM organizations WHERE name = ?1)) AS audited`,
            name,
          ),
      };
    },
  },
  {
    name: 'staff sign-in, with its audit entry',
    ok: 200,
    async setUp() {
      const { organizationId } = await createCampaign();
      const member = await createStaffMember('organizer', organizationId);
      const address = newAddress();
      return {
        send: (db) => call('/api/admin/auth/login', { bindings: through(db), address, body: member }),
        // Each sign-in starts a session of its own: what matters is that none goes unlogged.
        effect: () =>
          row(
            `WITH s AS (SELECT count(*) AS n FROM logins WHERE staff_id = (SELECT id FROM staff WHERE email = ?1)),
                  a AS (SELECT count(*) AS n FROM audit_log WHERE action = 'staff.sign_in' AND staff_id = (SELECT id FROM staff WHERE email = ?1))
             SELECT s.n > 0 AS signedIn, s.n = a.n AS logged FROM s, a`,
            member.email,
          ),
      };
    },
  },
  {
    name: 'sign-in code check (OTP verify)',
    ok: 200,
    alreadyDone: 'code_expired',
    async setUp() {
      const phone = newPhone();
      const issued = await issueCode(database(env.DB), env.HASH_KEY!, phone, '246810');
      if (!issued.issued) throw new Error('no code issued');
      return {
        send: (db) => call('/api/auth/verify', { bindings: through(db), body: { phone, code: '246810' } }),
        effect: () =>
          row(
            `SELECT (SELECT count(*) FROM logins s JOIN people p ON p.id = s.person_id WHERE p.phone = ?1) AS sessions,
                    (SELECT used_at IS NOT NULL FROM otp_codes WHERE phone = ?1) AS used`,
            phone,
          ),
      };
    },
  },
];

/**
 * One round trip fails before D1 does it, after (a write only: for a read it is the same), and
 * every third also after a wait; then D1 stays down from there on.
 */
const faultsAt = (index: number, step: Step): { mode: FaultMode; lasting: boolean }[] => [
  { mode: 'fail', lasting: false },
  ...(step.read ? [] : [{ mode: 'lose-answer' as const, lasting: false }]),
  ...(index % 3 === 0 ? [{ mode: 'hang' as const, lasting: false }] : []),
  { mode: 'fail', lasting: true },
];

describe('D1 failing mid-request', () => {
  for (const flow of FLOWS) {
    it(`${flow.name}: 503 with Retry-After, whole or nothing, and the retry lands once`, async () => {
      // A clean run first: which round trips the flow makes, and what it changes.
      const probe = await flow.setUp();
      const before = await probe.effect();
      const counting = faultyD1(env.DB);
      const clean = await probe.send(counting.db);
      expect(clean.status, await clean.clone().text()).toBe(flow.ok);
      const after = await probe.effect();
      expect(after).not.toEqual(before);

      let outage = 0;
      for (const [at, step] of counting.steps.entries()) {
        for (const { mode, lasting } of faultsAt(at, step)) {
          const message = D1_OUTAGES[outage++ % D1_OUTAGES.length]!;
          const context = `${lasting ? 'lasting outage' : mode} at round trip ${at} (${step.label}), "${message}"`;
          const trial = await flow.setUp();
          expect(await trial.effect(), context).toEqual(before);

          const response = await trial.send(faultyD1(env.DB, { at, mode, message, lasting }).db);
          expect(response.status, `${context}: ${await response.clone().text()}`).toBe(503);
          expect(response.headers.get('retry-after'), context).toMatch(/^[1-9]\d*$/);
          expect(await response.json(), context).toEqual({
            error: { code: 'unavailable', message: '服务繁忙，请稍后重试。' },
          });

          const landed = await trial.effect();
          expect([before, after], `${context}: half-written ${JSON.stringify(landed)}`).toContainEqual(landed);
          expect(await invariantViolations(), context).toEqual([]);

          const retried = await trial.send(env.DB);
          if (retried.status !== flow.ok) {
            // Only a change that landed may refuse its retry, and only as the contract says.
            expect(landed, `${context}: retry ${retried.status}`).toEqual(after);
            expect((await errorOf(retried)).code, context).toBe(flow.alreadyDone);
          }
          expect(await trial.effect(), `${context}: after the retry`).toEqual(after);
        }
      }
    }, 60_000);
  }
});

describe("D1's transient errors", () => {
  it('each one answers 503 unavailable with Retry-After when D1 stays down', async () => {
    const citizen = await quickCitizen();
    for (const message of D1_OUTAGES) {
      const failing = faultyD1(env.DB, { at: 0, mode: 'fail', message, lasting: true });
      const response = await call('/api/me', {
        bindings: through(failing.db),
        method: 'PATCH',
        cookie: citizen.cookie,
        body: { name: '李四' },
      });
      expect(response.status, message).toBe(503);
      expect(response.headers.get('retry-after'), message).toMatch(/^[1-9]\d*$/);
    }
  });
});

describe('the fault proxy', () => {
  it('sees every round trip and passes the real answers through', async () => {
    const counting = faultyD1(env.DB);
    const response = await call('/api/campaigns', { bindings: through(counting.db) });
    expect(response.status).toBe(200);
    expect(counting.steps.length).toBeGreaterThan(0);
  });

  it('a write whose answer was lost did happen: the proxy runs it before failing', async () => {
    const phone = newPhone();
    const failing = faultyD1(env.DB, { at: 0, mode: 'lose-answer', message: D1_OUTAGES[2]! });
    await expect(
      failing.db.prepare('INSERT INTO people (id, phone) VALUES (?, ?)').bind(crypto.randomUUID(), phone).run(),
    ).rejects.toThrow('Network connection lost');
    expect(await row('SELECT count(*) AS n FROM people WHERE phone = ?', phone)).toEqual({ n: 1 });
  });
});
