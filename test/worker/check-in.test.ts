import { env } from 'cloudflare:workers';
import type { InferRequestType } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { call, createOrganization, errorOf, signInCitizen, signInStaff, signUp, testClient } from './helpers.ts';
import { createCampaign, startSessionNow } from './fixtures.ts';

const DAY = 86_400_000;
/** Sessions some days ahead: the donor rules count age on the session's day. */
const inDays = (days: number) => ({
  startsAt: new Date(Date.now() + days * DAY).toISOString(),
  endsAt: new Date(Date.now() + days * DAY + 8 * 3_600_000).toISOString(),
});
const SESSION = inDays(10);
const DONOR = { name: '李献血', idNumber: '371502199003071230', weightKg: 65 };

async function bookedAt(
  kind: 'blood_drive' | 'cpr_training',
  slot = { role: '献血者', capacity: 1, waitlist: true },
  { started = true } = {},
) {
  const organizationId = await createOrganization();
  const campaign = await createCampaign({
    kind,
    organizationId,
    sessions: [{ ...SESSION, slots: [slot] }],
    eligibility: kind === 'blood_drive' ? { platelets: true } : undefined,
  });
  const slotId = campaign.slotIds[0]!;
  const citizen = await signInCitizen();
  const response = await signUp(citizen.cookie, slotId, kind === 'blood_drive' ? DONOR : { name: '李学员' });
  expect(response.status, await response.clone().text()).toBe(201);
  const { registration } = await response.json();
  if (started) await startSessionNow(slotId);
  return { organizationId, campaignId: campaign.id, sessionId: campaign.sessionIds[0]!, slotId, citizen, registration };
}

const checkIns = (cookie?: string) => testClient({ ...(cookie && { cookie }) }).admin.checkins;
const checkIn = (cookie: string | undefined, json: InferRequestType<ReturnType<typeof checkIns>['$post']>['json']) =>
  checkIns(cookie).$post({ json });

describe('POST /api/admin/checkins', () => {
  it('checks a confirmed sign-up in by its code, as typed at the desk', async () => {
    const { organizationId, registration } = await bookedAt('cpr_training');
    const desk = await signInStaff('checkin', organizationId);
    const typed = `${registration.code.slice(0, 4).toLowerCase()}-${registration.code.slice(4)}`;
    const response = await checkIn(desk.cookie, { code: typed });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.registration).toMatchObject({
      id: registration.id,
      status: 'checked_in',
      name: '李学员',
      slot: { role: '献血者' },
    });
    expect(body.registration.checkedInAt).toMatch(/\+08:00$/);
    const row = await env.DB.prepare('SELECT status, checked_in_at FROM registrations WHERE id = ?')
      .bind(registration.id)
      .first<{ status: string; checked_in_at: number }>();
    expect(row?.status).toBe('checked_in');
    expect(row?.checked_in_at).toBeGreaterThan(0);
  });

  it('records a donation once, which the interval rule then enforces', async () => {
    const { organizationId, registration, citizen } = await bookedAt('blood_drive');
    const desk = await signInStaff('organizer', organizationId);
    const scans = await Promise.all(
      [1, 2, 3].map(() => checkIn(desk.cookie, { code: registration.code, donated: 'whole_blood' })),
    );
    expect(scans.map((scan) => scan.status).sort()).toEqual([200, 409, 409]);
    for (const scan of scans.filter((s) => s.status !== 200))
      expect((await errorOf(scan)).code).toBe('already_checked_in');
    const donations = await env.DB.prepare('SELECT kind, registration_id FROM donations WHERE person_id = ?')
      .bind(citizen.personId)
      .all();
    expect(donations.results).toEqual([{ kind: 'whole_blood', registration_id: registration.id }]);

    const history = await (await testClient({ cookie: citizen.cookie }).me.donations.$get()).json();
    expect(history.items.map((item) => item.kind)).toEqual(['whole_blood']);

    // Whole blood today: the next drive within six months refuses with the interval reason.
    const next = await createCampaign({
      kind: 'blood_drive',
      sessions: [{ ...inDays(30), slots: [{ role: '献血者', capacity: 5 }] }],
    });
    const again = await signUp(citizen.cookie, next.slotIds[0]!, DONOR);
    expect(again.status).toBe(422);
    expect((await errorOf(again)).reasons?.map((r) => r.code)).toEqual(['interval']);
  });

  it('refuses cancelled and waitlisted sign-ups, and unknown codes', async () => {
    const { organizationId, slotId, registration } = await bookedAt('cpr_training', undefined, {
      started: false,
    });
    const desk = await signInStaff('checkin', organizationId);
    const waiting = await signInCitizen();
    const queued = await (await signUp(waiting.cookie, slotId, { name: '候补' })).json();
    expect(queued.registration.status).toBe('waitlisted');
    await startSessionNow(slotId);
    const notConfirmed = await checkIn(desk.cookie, { code: queued.registration.code });
    expect(notConfirmed.status).toBe(409);
    expect((await errorOf(notConfirmed)).code).toBe('not_confirmed');

    // The person cancels (before the start, as citizens may); the desk later scans the old pass.
    await env.DB.prepare(`UPDATE registrations SET status = 'cancelled' WHERE id = ?`).bind(registration.id).run();
    const cancelled = await checkIn(desk.cookie, { code: registration.code });
    expect(cancelled.status).toBe(409);
    expect((await errorOf(cancelled)).code).toBe('registration_cancelled');

    expect((await checkIn(desk.cookie, { code: 'ZZZZ2222' })).status).toBe(404);
    const bad = await call('/api/admin/checkins', { cookie: desk.cookie, body: { code: '!!', donated: 'plasma' } });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues?.map((issue) => issue.path).sort()).toEqual(['code', 'donated']);
  });

  it("answers 404 for another organization's code, and refuses citizens and strangers", async () => {
    const { registration } = await bookedAt('cpr_training');
    const stranger = await signInStaff('checkin', await createOrganization());
    expect((await checkIn(stranger.cookie, { code: registration.code })).status).toBe(404);
    const citizen = await signInCitizen();
    expect((await checkIn(citizen.cookie, { code: registration.code })).status).toBe(401);
    expect((await checkIn(undefined, { code: registration.code })).status).toBe(401);
    const row = await env.DB.prepare('SELECT status FROM registrations WHERE id = ?')
      .bind(registration.id)
      .first<{ status: string }>();
    expect(row?.status).toBe('confirmed');
  });

  it('records donations at blood drives only', async () => {
    const { organizationId, registration } = await bookedAt('cpr_training');
    const desk = await signInStaff('checkin', organizationId);
    const response = await checkIn(desk.cookie, { code: registration.code, donated: 'platelets' });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).issues?.[0]?.path).toBe('donated');
  });
});

describe('PATCH /api/admin/registrations/:id (corrections)', () => {
  const correct = (cookie: string, id: string, status: 'no_show' | 'confirmed' | 'cancelled') =>
    testClient({ cookie }).admin.registrations[':id'].$patch({ param: { id }, json: { status } });
  const changeCapacity = (cookie: string, id: string, capacity: number) =>
    testClient({ cookie }).admin.slots[':id'].$patch({ param: { id }, json: { capacity } });

  it('undoes a mistaken check-in, with its donation record', async () => {
    const { organizationId, registration, citizen } = await bookedAt('blood_drive');
    const organizer = await signInStaff('organizer', organizationId);
    expect((await checkIn(organizer.cookie, { code: registration.code, donated: 'platelets' })).status).toBe(200);
    const undo = await correct(organizer.cookie, registration.id, 'confirmed');
    expect(undo.status).toBe(200);
    const row = await env.DB.prepare('SELECT status, checked_in_at FROM registrations WHERE id = ?')
      .bind(registration.id)
      .first();
    expect(row).toEqual({ status: 'confirmed', checked_in_at: null });
    const donations = await env.DB.prepare('SELECT count(*) AS n FROM donations WHERE person_id = ?')
      .bind(citizen.personId)
      .first<{ n: number }>();
    expect(donations?.n).toBe(0);
    expect((await correct(organizer.cookie, registration.id, 'confirmed')).status).toBe(409);
  });

  it('marks a no-show only once the session has started; a late arrival can still check in', async () => {
    const { organizationId, registration } = await bookedAt('cpr_training', undefined, { started: false });
    const organizer = await signInStaff('organizer', organizationId);
    const early = await correct(organizer.cookie, registration.id, 'no_show');
    expect(early.status).toBe(409);
    expect((await errorOf(early)).code).toBe('session_not_started');

    await env.DB.prepare(
      'UPDATE sessions SET starts_at = ? WHERE id = (SELECT session_id FROM slots WHERE id = (SELECT slot_id FROM registrations WHERE id = ?))',
    )
      .bind(Date.now() - 3_600_000, registration.id)
      .run();
    expect((await correct(organizer.cookie, registration.id, 'no_show')).status).toBe(200);
    expect((await checkIn(organizer.cookie, { code: registration.code })).status).toBe(200);
  });

  it('gives a late no-show a seat back only while one is free', async () => {
    const { organizationId, registration, slotId } = await bookedAt('cpr_training', {
      role: '学员',
      capacity: 2,
      waitlist: true,
    });
    const organizer = await signInStaff('organizer', organizationId);
    await env.DB.prepare('UPDATE sessions SET starts_at = ? WHERE id = (SELECT session_id FROM slots WHERE id = ?)')
      .bind(Date.now() - 3_600_000, slotId)
      .run();
    expect((await correct(organizer.cookie, registration.id, 'no_show')).status).toBe(200);
    // The seat goes: the capacity comes down to those still seated.
    expect((await changeCapacity(organizer.cookie, slotId, 0)).status).toBe(200);
    const late = await checkIn(organizer.cookie, { code: registration.code });
    expect(late.status).toBe(409);
    expect((await errorOf(late)).code).toBe('slot_full');
    const undo = await correct(organizer.cookie, registration.id, 'confirmed');
    expect((await errorOf(undo)).code).toBe('slot_full');
    // With a seat again, the late arrival is let in.
    expect((await changeCapacity(organizer.cookie, slotId, 1)).status).toBe(200);
    expect((await checkIn(organizer.cookie, { code: registration.code })).status).toBe(200);
  });

  it('keeps check-in staff, other organizations and bad values out', async () => {
    const { organizationId, registration } = await bookedAt('cpr_training');
    const desk = await signInStaff('checkin', organizationId);
    expect((await correct(desk.cookie, registration.id, 'no_show')).status).toBe(403);
    const stranger = await signInStaff('organizer', await createOrganization());
    expect((await correct(stranger.cookie, registration.id, 'no_show')).status).toBe(404);
    const organizer = await signInStaff('organizer', organizationId);
    // call(): a status of a registration, but not one a correction sets.
    const bad = await call(`/api/admin/registrations/${registration.id}`, {
      method: 'PATCH',
      cookie: organizer.cookie,
      body: { status: 'waitlisted' },
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues?.[0]?.path).toBe('status');
  });
});
