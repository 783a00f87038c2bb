// The check-in desk cannot write a false record: it is opened for one campaign (and maybe one
// session) and refuses other passes and other days; the donation is its own step after the
// collection, once a person a day; a person without their phone is found by name or digits;
// organizers correct and cancel from the roster, audited.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createCampaign, startSessionNow } from './fixtures.ts';
import type { InferRequestType } from 'hono/client';
import { call, createOrganization, errorOf, signInCitizen, signInStaff, signUp, testClient } from './helpers.ts';

const DAY = 86_400_000;
const inDays = (days: number) => ({
  startsAt: new Date(Date.now() + days * DAY).toISOString(),
  endsAt: new Date(Date.now() + days * DAY + 8 * 3_600_000).toISOString(),
});
const DONOR = { idNumber: '371502199003071230', weightKg: 65 };

/** A blood drive (collecting platelets too) with two sessions, and a signed-in desk of its organization. */
async function drive(options: { platelets?: boolean; capacity?: number; waitlist?: boolean } = {}) {
  const organizationId = await createOrganization();
  const slot = { role: '献血者', capacity: options.capacity ?? 10, waitlist: options.waitlist ?? false };
  const campaign = await createCampaign({
    kind: 'blood_drive',
    organizationId,
    eligibility: { platelets: options.platelets ?? true },
    sessions: [
      { ...inDays(5), slots: [slot] },
      { ...inDays(6), slots: [slot] },
    ],
  });
  const desk = await signInStaff('checkin', organizationId);
  const organizer = await signInStaff('organizer', organizationId);
  return { organizationId, campaign, desk, organizer };
}

async function book(slotId: string, name = '李献血') {
  const citizen = await signInCitizen();
  const response = await signUp(citizen.cookie, slotId, { name, ...DONOR });
  expect(response.status, await response.clone().text()).toBe(201);
  const { registration } = await response.json();
  return { citizen, registration };
}

/** The organizer API as the holder of `cookie` sees it. */
const adminApi = (cookie: string, headers: Record<string, string> = {}) => testClient({ cookie, headers }).admin;
type RegistrationRoute = ReturnType<typeof adminApi>['registrations'][':id'];
type Donation = InferRequestType<RegistrationRoute['donation']['$post']>['json'];

const checkIn = (cookie: string, json: InferRequestType<ReturnType<typeof adminApi>['checkins']['$post']>['json']) =>
  adminApi(cookie).checkins.$post({ json });
const donate = (cookie: string, id: string, json: Donation) =>
  adminApi(cookie).registrations[':id'].donation.$post({ param: { id }, json });
const correct = (cookie: string, id: string, json: InferRequestType<RegistrationRoute['$patch']>['json']) =>
  adminApi(cookie).registrations[':id'].$patch({ param: { id }, json });

const count = async (sql: string, ...values: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...values)
    .first<{ n: number }>())!.n;

describe('the desk’s scope', () => {
  it('refuses another campaign’s pass in red, naming its campaign, and writes nothing', async () => {
    const mine = await drive();
    const other = await drive();
    const { registration } = await book(other.campaign.slotIds[0]!);
    await startSessionNow(other.campaign.slotIds[0]!);
    // An admin's desk reaches every organization: only the scope stops it.
    const admin = await signInStaff('admin');
    const response = await checkIn(admin.cookie, { code: registration.code, campaignId: mine.campaign.id });
    expect(response.status).toBe(409);
    const error = await errorOf(response);
    expect(error.code).toBe('wrong_campaign');
    expect(error.message).toContain('活动');
    expect(
      await count(`SELECT count(*) AS n FROM registrations WHERE id = ? AND status = 'confirmed'`, registration.id),
    ).toBe(1);
    expect(await count('SELECT count(*) AS n FROM audit_log WHERE target_id = ?', registration.id)).toBe(0);
  });

  it('refuses another session’s pass when the desk is opened for one session', async () => {
    const { campaign, desk } = await drive();
    const { registration } = await book(campaign.slotIds[1]!);
    await startSessionNow(campaign.slotIds[1]!);
    const wrong = await checkIn(desk.cookie, {
      code: registration.code,
      campaignId: campaign.id,
      sessionId: campaign.sessionIds[0],
    });
    expect(wrong.status).toBe(409);
    expect((await errorOf(wrong)).code).toBe('wrong_session');
    const right = await checkIn(desk.cookie, {
      code: registration.code,
      campaignId: campaign.id,
      sessionId: campaign.sessionIds[1],
    });
    expect(right.status).toBe(200);
  });

  it('refuses a pass for another day, whatever the scope, in the person’s language', async () => {
    const { campaign, desk } = await drive();
    const { registration } = await book(campaign.slotIds[0]!);
    for (const body of [{ code: registration.code }, { code: registration.code, campaignId: campaign.id }]) {
      const response = await checkIn(desk.cookie, { ...body, donated: 'whole_blood' });
      expect(response.status).toBe(409);
      expect((await errorOf(response)).code).toBe('wrong_day');
    }
    const english = await adminApi(desk.cookie, { 'accept-language': 'en' }).checkins.$post({
      json: { code: registration.code },
    });
    expect((await errorOf(english)).message).toMatch(/not today/);
    expect(await count('SELECT count(*) AS n FROM donations WHERE registration_id = ?', registration.id)).toBe(0);
  });

  it('checks in once when two desks scan the same pass at the same moment', async () => {
    const { campaign, desk, organizer } = await drive();
    const { registration } = await book(campaign.slotIds[0]!);
    await startSessionNow(campaign.slotIds[0]!);
    const scans = await Promise.all(
      [desk, organizer, desk, organizer].map((staff) =>
        checkIn(staff.cookie, { code: registration.code, campaignId: campaign.id }),
      ),
    );
    expect(scans.map((scan) => scan.status).sort()).toEqual([200, 409, 409, 409]);
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE target_id = ? AND action = 'registration.check_in'`,
        registration.id,
      ),
    ).toBe(1);
  });
});

describe('the donation, recorded after the collection', () => {
  it('is recorded for a checked-in donor with kind and volume, once a person a day', async () => {
    const { campaign, desk } = await drive();
    const { registration, citizen } = await book(campaign.slotIds[0]!);
    await startSessionNow(campaign.slotIds[0]!);
    const early = await donate(desk.cookie, registration.id, { kind: 'whole_blood', volumeMl: 400 });
    expect(early.status).toBe(409);
    expect((await errorOf(early)).code).toBe('not_checked_in');

    expect((await checkIn(desk.cookie, { code: registration.code, campaignId: campaign.id })).status).toBe(200);
    const recorded = await Promise.all(
      [1, 2, 3].map(() => donate(desk.cookie, registration.id, { kind: 'whole_blood', volumeMl: 400 })),
    );
    expect(recorded.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const refused of recorded.filter((r) => r.status !== 201)) {
      expect((await errorOf(refused)).code).toBe('already_donated');
    }
    const row = await env.DB.prepare('SELECT kind, volume_ml AS volumeMl, day FROM donations WHERE person_id = ?')
      .bind(citizen.personId)
      .all();
    expect(row.results).toEqual([{ kind: 'whole_blood', volumeMl: 400, day: expect.any(String) }]);
  });

  it('is refused for a second sign-up of the same person on the same day, through either path', async () => {
    const { campaign, desk } = await drive();
    const { registration, citizen } = await book(campaign.slotIds[0]!);
    // The same donor also holds a sign-up in the second session, moved to today as well.
    const second = await signUp(citizen.cookie, campaign.slotIds[1]!, { name: '李献血', ...DONOR });
    const { registration: other } = await second.json();
    await startSessionNow(campaign.slotIds[0]!);
    await startSessionNow(campaign.slotIds[1]!);
    expect(
      (await checkIn(desk.cookie, { code: registration.code, donated: 'whole_blood', volumeMl: 300 })).status,
    ).toBe(200);
    const again = await checkIn(desk.cookie, { code: other.code, donated: 'whole_blood' });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('already_donated');
    // Nothing half-written: the second sign-up is not checked in either.
    expect(await count(`SELECT count(*) AS n FROM registrations WHERE id = ? AND status = 'confirmed'`, other.id)).toBe(
      1,
    );
    expect((await checkIn(desk.cookie, { code: other.code })).status).toBe(200);
    const direct = await donate(desk.cookie, other.id, { kind: 'whole_blood', volumeMl: 200 });
    expect((await errorOf(direct)).code).toBe('already_donated');
    expect(await count('SELECT count(*) AS n FROM donations WHERE person_id = ?', citizen.personId)).toBe(1);
  });

  it('offers platelets only where the drive collects them, and volumes of 200, 300 or 400 mL', async () => {
    const bus = await drive({ platelets: false });
    const { registration } = await book(bus.campaign.slotIds[0]!);
    await startSessionNow(bus.campaign.slotIds[0]!);
    await checkIn(bus.desk.cookie, { code: registration.code });
    const platelets = await donate(bus.desk.cookie, registration.id, { kind: 'platelets' });
    expect(platelets.status).toBe(400);
    expect((await errorOf(platelets)).issues?.[0]?.path).toBe('kind');
    // call(): a volume the typed client would not send.
    const odd = await call(`/api/admin/registrations/${registration.id}/donation`, {
      cookie: bus.desk.cookie,
      body: { kind: 'whole_blood', volumeMl: 350 },
    });
    expect(odd.status).toBe(400);
    expect((await errorOf(odd)).issues?.[0]?.path).toBe('volumeMl');
  });

  it('is removed as a correction (audited), and undoing a check-in removes its donation', async () => {
    const { campaign, desk, organizer } = await drive();
    const { registration, citizen } = await book(campaign.slotIds[0]!);
    await startSessionNow(campaign.slotIds[0]!);
    await checkIn(desk.cookie, { code: registration.code });
    expect((await donate(desk.cookie, registration.id, { kind: 'platelets' })).status).toBe(201);
    const donation = adminApi(desk.cookie).registrations[':id'].donation;
    const removed = await donation.$delete({ param: { id: registration.id }, query: { reason: 'mistake' } });
    expect(removed.status).toBe(204);
    const none = await donation.$delete({ param: { id: registration.id }, query: {} });
    expect(none.status).toBe(409);
    expect((await errorOf(none)).code).toBe('no_donation');
    expect(await count('SELECT count(*) AS n FROM donations WHERE person_id = ?', citizen.personId)).toBe(0);

    expect((await donate(desk.cookie, registration.id, { kind: 'whole_blood', volumeMl: 400 })).status).toBe(201);
    // The roster shows the donation, so that a wrongly recorded one can be removed from there.
    const rosterRow = async () => {
      const roster = await adminApi(organizer.cookie).campaigns[':id'].registrations.$get({
        param: { id: campaign.id },
        query: {},
      });
      const { items } = await roster.json();
      return items.find((item) => item.id === registration.id);
    };
    expect((await rosterRow())?.donation).toEqual({ kind: 'whole_blood', volumeMl: 400, day: expect.any(String) });
    const undo = await correct(organizer.cookie, registration.id, { status: 'confirmed', reason: 'mistake' });
    expect(undo.status).toBe(200);
    expect(await count('SELECT count(*) AS n FROM donations WHERE person_id = ?', citizen.personId)).toBe(0);
    expect((await rosterRow())?.donation).toBeNull();
    const audit = await env.DB.prepare('SELECT action, detail FROM audit_log WHERE target_id = ? ORDER BY at, rowid')
      .bind(registration.id)
      .all<{ action: string; detail: string }>();
    expect(audit.results.map((row) => [row.action, JSON.parse(row.detail)])).toEqual([
      ['registration.check_in', { donated: null }],
      ['donation.record', { kind: 'platelets', volumeMl: null }],
      ['donation.remove', { kind: 'platelets', volumeMl: null, day: expect.any(String), reason: 'mistake' }],
      ['donation.record', { kind: 'whole_blood', volumeMl: 400 }],
      ['registration.correct', { from: 'checked_in', to: 'confirmed', reason: 'mistake' }],
    ]);
  });

  it('keeps a correction and a check-in racing each other consistent', async () => {
    const { campaign, desk, organizer } = await drive();
    const people = [];
    for (let round = 0; round < 5; round++) people.push(await book(campaign.slotIds[0]!, `赛跑${round}`));
    await startSessionNow(campaign.slotIds[0]!);
    for (const { registration, citizen } of people) {
      await checkIn(desk.cookie, { code: registration.code, donated: 'whole_blood', volumeMl: 400 });
      // An undo and a second scan at once: whatever wins, a checked-in person has one donation and
      // a confirmed one none.
      await Promise.all([
        correct(organizer.cookie, registration.id, { status: 'confirmed' }),
        checkIn(desk.cookie, { code: registration.code, donated: 'whole_blood', volumeMl: 400 }),
      ]);
      const status = (await env.DB.prepare('SELECT status FROM registrations WHERE id = ?')
        .bind(registration.id)
        .first<{ status: string }>())!.status;
      const donations = await count('SELECT count(*) AS n FROM donations WHERE person_id = ?', citizen.personId);
      expect([status, donations]).toEqual(status === 'checked_in' ? ['checked_in', 1] : ['confirmed', 0]);
    }
  });
});

describe('finding a person at the desk', () => {
  it('finds today’s sign-ups of the campaign by name or the last 4 phone digits, masked', async () => {
    const { campaign, desk } = await drive();
    const { citizen } = await book(campaign.slotIds[0]!, '王秀英');
    await book(campaign.slotIds[1]!, '王秀兰'); // another day: not found today
    await startSessionNow(campaign.slotIds[0]!);
    const phone = (await env.DB.prepare('SELECT phone FROM people WHERE id = ?')
      .bind(citizen.personId)
      .first<{ phone: string }>())!.phone;

    const search = adminApi(desk.cookie).checkins.search;
    const byName = await search.$post({ json: { campaignId: campaign.id, q: '王秀' } });
    expect(byName.status).toBe(200);
    const found = (await byName.json()).items;
    expect(found).toEqual([
      expect.objectContaining({
        name: '王秀英',
        status: 'confirmed',
        phone: expect.stringMatching(/^\d{3}\*{4}\d{4}$/),
      }),
    ]);
    expect(JSON.stringify(found)).not.toContain(phone);

    const byDigits = await search.$get({ query: { campaignId: campaign.id, q: phone.slice(-4) } });
    expect((await byDigits.json()).items.map((item) => item.name)).toEqual(['王秀英']);
    // Wildcards are letters like any other.
    const wildcard = await search.$post({ json: { campaignId: campaign.id, q: '%' } });
    expect((await wildcard.json()).items).toEqual([]);
    // Another organization's desk does not see the campaign at all.
    const stranger = await signInStaff('checkin', await createOrganization());
    expect(
      (await adminApi(stranger.cookie).checkins.search.$post({ json: { campaignId: campaign.id, q: '王' } })).status,
    ).toBe(404);
  });
});

describe('cancelling on the person’s behalf', () => {
  it('cancels, promotes the first person waiting in the same step, texts the person, and audits why', async () => {
    const { campaign, organizer, organizationId } = await drive({ capacity: 1, waitlist: true });
    const { registration } = await book(campaign.slotIds[0]!, '甲');
    const { registration: waiting } = await book(campaign.slotIds[0]!, '乙');
    expect(waiting.status).toBe('waitlisted');
    const cancelled = await correct(organizer.cookie, registration.id, { status: 'cancelled', reason: 'person_asked' });
    expect(cancelled.status).toBe(200);
    const statuses = await env.DB.prepare('SELECT id, status FROM registrations WHERE slot_id = ? ORDER BY arrival')
      .bind(campaign.slotIds[0])
      .all<{ id: string; status: string }>();
    expect(statuses.results.map((row) => row.status)).toEqual(['cancelled', 'confirmed']);
    const texts = await env.DB.prepare(
      'SELECT kind, registration_id AS registrationId, organization_id AS organizationId FROM notifications WHERE registration_id IN (?, ?) ORDER BY kind',
    )
      .bind(registration.id, waiting.id)
      .all();
    expect(texts.results).toEqual(
      expect.arrayContaining([
        { kind: 'registration_cancelled', registrationId: registration.id, organizationId },
        { kind: 'promoted', registrationId: waiting.id, organizationId },
      ]),
    );
    const again = await correct(organizer.cookie, registration.id, { status: 'cancelled' });
    expect(again.status).toBe(409);
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE target_id = ? AND action = 'registration.cancel'`,
        registration.id,
      ),
    ).toBe(1);
  });
});

describe('the audit log in words', () => {
  it('names the person, campaign and staff member, and filters by campaign, staff member and day', async () => {
    const { campaign, desk, organizer } = await drive();
    const other = await drive();
    const { registration } = await book(campaign.slotIds[0]!, '赵志刚');
    const { registration: elsewhere } = await book(other.campaign.slotIds[0]!, '钱');
    await startSessionNow(campaign.slotIds[0]!);
    await startSessionNow(other.campaign.slotIds[0]!);
    await checkIn(desk.cookie, { code: registration.code });
    await checkIn(other.desk.cookie, { code: elsewhere.code });
    const admin = await signInStaff('admin');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const response = await adminApi(admin.cookie).audit.$get({
      query: { campaignId: campaign.id, staffId: desk.staffId, from: today, to: today },
    });
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: Record<string, unknown>[] };
    expect(items).toEqual([
      expect.objectContaining({
        action: 'registration.check_in',
        staff: { id: desk.staffId, email: desk.email },
        campaign: { id: campaign.id, title: expect.any(String) },
        target: { type: 'registration', id: registration.id, label: `赵志刚 · ${registration.code}` },
      }),
    ]);
    const yesterday = new Date(Date.now() + 8 * 3_600_000 - DAY).toISOString().slice(0, 10);
    const before = await adminApi(organizer.cookie).audit.$get({ query: { campaignId: campaign.id, to: yesterday } });
    expect((await before.json()).items).toEqual([]);
    expect((await adminApi(admin.cookie).audit.$get({ query: { from: '2026-02-30' } })).status).toBe(400);
  });
});
