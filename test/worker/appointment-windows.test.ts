// Appointment windows: a session split into times to come, each window with its share of the
// slot's seats. Sign-ups name a window; a crowd racing for one window fills exactly its seats.
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { chinaDay } from '../../worker/domain/china-time.ts';
import { windowCapacity, windowCount, windowStartingAt } from '../../worker/domain/windows.ts';
import { t } from '../../worker/lib/messages.ts';
import { database } from '../../worker/db/client.ts';
import { deliver } from '../../worker/notifications/deliver.ts';
import type { InferRequestType } from 'hono/client';
import { createOrganization, errorOf, signInCitizen, signInStaff, signUp, testClient } from './helpers.ts';
import { createCampaign } from './fixtures.ts';

type Citizen = Awaited<ReturnType<typeof signInCitizen>>;

// 09:00–11:00 in 30-minute windows: 09:00, 09:30, 10:00, 10:30.
const SESSION = { startsAt: '2099-04-10T09:00:00+08:00', endsAt: '2099-04-10T11:00:00+08:00', windowMinutes: 30 };
const AT = (time: string) => `2099-04-10T${time}:00+08:00`;

async function windowedSlot(capacity: number, waitlist = false) {
  const campaign = await createCampaign({ sessions: [{ ...SESSION, slots: [{ role: '学员', capacity, waitlist }] }] });
  return { campaignId: campaign.id, slotId: campaign.slotIds[0]! };
}

const signUpForWindow = (slotId: string, citizen: Citizen, windowStartsAt?: string) =>
  signUp(citizen.cookie, slotId, { name: '按时来的人', ...(windowStartsAt && { windowStartsAt }) });

async function windowsOf(campaignId: string, slotId: string) {
  const { campaign } = await (await testClient().campaigns[':id'].$get({ param: { id: campaignId } })).json();
  return campaign.sessions.flatMap((session) => session.slots).find((slot) => slot.id === slotId)!;
}

const seatedIn = async (slotId: string) =>
  (
    await env.DB.prepare(
      `SELECT window_index AS w, count(*) AS n FROM registrations
       WHERE slot_id = ? AND status IN ('confirmed', 'checked_in') GROUP BY window_index ORDER BY window_index`,
    )
      .bind(slotId)
      .all<{ w: number | null; n: number }>()
  ).results;

describe('windows of a session (the rule)', () => {
  const session = { startsAt: new Date(AT('09:00')), endsAt: new Date(AT('11:00')), windowMinutes: 45 };

  it('splits the session from its start, the last window ending with it', () => {
    expect(windowCount(session)).toBe(3); // 09:00, 09:45, 10:30 (30 minutes)
    expect(windowCount({ ...session, windowMinutes: null })).toBe(0);
    expect(windowStartingAt(session, new Date(AT('09:45')))).toBe(1);
    expect(windowStartingAt(session, new Date(AT('10:00')))).toBeNull();
    expect(windowStartingAt(session, new Date(AT('11:15')))).toBeNull();
  });

  it("shares the slot's seats evenly, the remainder to the earliest windows, always adding up to the slot", () => {
    expect([0, 1, 2, 3].map((index) => windowCapacity(10, 4, index))).toEqual([3, 3, 2, 2]);
    expect([0, 1, 2].map((index) => windowCapacity(2, 3, index))).toEqual([1, 1, 0]);
    for (const capacity of [0, 1, 7, 200]) {
      const sum = Array.from({ length: 6 }, (_, index) => windowCapacity(capacity, 6, index)).reduce((a, b) => a + b);
      expect(sum).toBe(capacity);
    }
  });
});

describe('signing up for a window', () => {
  let citizens: Citizen[];
  beforeAll(async () => {
    citizens = await Promise.all(Array.from({ length: 6 }, () => signInCitizen()));
  });

  it('shows each window with its seats and what is left, and books the one named', async () => {
    const { campaignId, slotId } = await windowedSlot(10, true);
    const before = await windowsOf(campaignId, slotId);
    expect(before.waitlist).toBe(false); // a full window is refused, never queued
    expect(before.windows).toEqual([
      { startsAt: AT('09:00'), endsAt: AT('09:30'), capacity: 3, remaining: 3 },
      { startsAt: AT('09:30'), endsAt: AT('10:00'), capacity: 3, remaining: 3 },
      { startsAt: AT('10:00'), endsAt: AT('10:30'), capacity: 2, remaining: 2 },
      { startsAt: AT('10:30'), endsAt: AT('11:00'), capacity: 2, remaining: 2 },
    ]);

    const response = await signUpForWindow(slotId, citizens[0]!, '2099-04-10T02:00:00Z'); // 10:00 China time
    expect(response.status, await response.clone().text()).toBe(201);
    const { registration } = await response.json();
    expect(registration).toMatchObject({ status: 'confirmed', windowStartsAt: AT('10:00') });
    expect((await windowsOf(campaignId, slotId)).windows![2]).toEqual({
      startsAt: AT('10:00'),
      endsAt: AT('10:30'),
      capacity: 2,
      remaining: 1,
    });

    // The confirmation text gives the window as the time to come (sent again here, to read it).
    const confirmation = await env.DB.prepare(
      `UPDATE notifications SET status = 'queued', claimed_at = NULL WHERE registration_id = ? RETURNING dedupe_key AS key`,
    )
      .bind(registration.id)
      .first<{ key: string }>();
    const texts: string[] = [];
    await deliver(database(env.DB), confirmation!.key, { send: async (_phone, text) => void texts.push(text) });
    expect(texts).toEqual([expect.stringContaining('4月10日 10:00–10:30')]);

    // A retry with the same Idempotency-Key hears the same answer, window and all.
    const keyed = () =>
      signUp(
        citizens[1]!.cookie,
        slotId,
        { name: '按时来的人', windowStartsAt: AT('10:30') },
        { headers: { 'idempotency-key': 'window-retry' } },
      );
    const first = await (await keyed()).text();
    expect(JSON.parse(first).registration.windowStartsAt).toBe(AT('10:30'));
    expect(await (await keyed()).text()).toBe(first);

    const asFirst = testClient({ cookie: citizens[0]!.cookie });
    const mine = await (await asFirst.me.registrations.$get()).json();
    expect(mine.items[0]!.window).toEqual({ startsAt: AT('10:00'), endsAt: AT('10:30') });
    // The calendar entry is the window, not the whole session (10:00–10:30 China time in UTC).
    const ics = await (
      await asFirst.me.registrations[':id']['calendar.ics'].$get({ param: { id: registration.id }, query: {} })
    ).text();
    expect(ics).toContain('DTSTART:20990410T020000Z');
    expect(ics).toContain('DTEND:20990410T023000Z');
  });

  it('refuses a sign-up without a window, with a time that is no window, or a window where the session has none', async () => {
    const { slotId } = await windowedSlot(10);
    for (const [windowStartsAt, message] of [
      [undefined, 'window_required'],
      [AT('09:15'), 'window_unknown'],
      [AT('11:00'), 'window_unknown'],
      ['tomorrow', 'datetime_invalid'],
    ] as const) {
      const response = await signUpForWindow(slotId, citizens[1]!, windowStartsAt);
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('validation_failed');
      expect(error.issues).toEqual([{ path: 'windowStartsAt', message: t('zh-CN', message) }]);
    }
    const english = await signUp(
      citizens[1]!.cookie,
      slotId,
      { name: 'Late', windowStartsAt: AT('09:15') },
      { headers: { 'accept-language': 'en' } },
    );
    expect((await errorOf(english)).issues![0]!.message).toBe(
      'This session has no such time: please choose one of its times.',
    );

    const plain = await createCampaign({
      sessions: [{ startsAt: SESSION.startsAt, endsAt: SESSION.endsAt, slots: [{ role: '学员', capacity: 5 }] }],
    });
    const response = await signUpForWindow(plain.slotIds[0]!, citizens[1]!, AT('09:00'));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).issues).toEqual([{ path: 'windowStartsAt', message: '该场次不分预约时段。' }]);
    expect(await seatedIn(slotId)).toEqual([]);
  });

  it('refuses a full window with 409 window_full, even where the slot keeps a waiting list', async () => {
    const { campaignId, slotId } = await windowedSlot(4, true); // windows of 1 seat each
    expect((await signUpForWindow(slotId, citizens[2]!, AT('09:30'))).status).toBe(201);
    const full = await signUpForWindow(slotId, citizens[3]!, AT('09:30'));
    expect(full.status).toBe(409);
    expect(await errorOf(full)).toMatchObject({ code: 'window_full', message: '这个时段已约满，请选择其他时段。' });
    expect((await signUpForWindow(slotId, citizens[3]!, AT('10:30'))).status).toBe(201);
    expect((await windowsOf(campaignId, slotId)).windows!.map((w) => w.remaining)).toEqual([1, 0, 1, 0]);
    expect(await seatedIn(slotId)).toEqual([
      { w: 1, n: 1 },
      { w: 3, n: 1 },
    ]);
  });

  it('keeps a window within what the slot has left when a team holds seats', async () => {
    const { campaignId, slotId } = await windowedSlot(4);
    // A team holds 3 of the 4 seats: every window shows at most the one seat left.
    await env.DB.prepare(
      `INSERT INTO registration_groups (id, code, slot_id, contact_person_id, organization, contact_name, contact_phone, seats, join_until, status)
       VALUES (?, 'TEAMWIN1', ?, ?, '公司', '联系人', '13800000000', 3, ?, 'open')`,
    )
      .bind(crypto.randomUUID(), slotId, citizens[4]!.personId, Date.parse(SESSION.startsAt) - 86_400_000)
      .run();
    expect((await windowsOf(campaignId, slotId)).windows!.map((w) => w.remaining)).toEqual([1, 1, 1, 1]);
    expect((await signUpForWindow(slotId, citizens[4]!, AT('09:00'))).status).toBe(201);
    const response = await signUpForWindow(slotId, citizens[5]!, AT('10:00'));
    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe('slot_full');
  });
});

describe('a crowd racing for one window', () => {
  it('seats exactly the window’s share and refuses everyone else with window_full', async () => {
    const crowd: Citizen[] = [];
    for (let start = 0; start < 60; start += 30) {
      crowd.push(...(await Promise.all(Array.from({ length: 30 }, () => signInCitizen()))));
    }
    const { campaignId, slotId } = await windowedSlot(22); // windows of 6, 6, 5, 5
    const responses = await Promise.all(crowd.map((citizen) => signUpForWindow(slotId, citizen, AT('09:30'))));
    const statuses: number[] = responses.map((response) => response.status); // the refusals' too, not just 201
    expect(statuses.filter((status) => status === 201)).toHaveLength(6);
    expect(statuses.filter((status) => status === 409)).toHaveLength(54);
    const codes = await Promise.all(
      responses.filter((response) => response.status !== 201).map(async (response) => (await errorOf(response)).code),
    );
    expect(new Set(codes)).toEqual(new Set(['window_full']));
    expect(await seatedIn(slotId)).toEqual([{ w: 1, n: 6 }]);
    expect((await windowsOf(campaignId, slotId)).windows!.map((w) => w.remaining)).toEqual([6, 0, 5, 5]);
  }, 60_000);
});

describe('organizers and windows', () => {
  it('create a session with windows, and cannot lower a slot below what a window holds', async () => {
    const organizationId = await createOrganization();
    const { cookie } = await signInStaff('organizer', organizationId);
    const { admin } = testClient({ cookie });
    const created = await admin.campaigns.$post({
      json: { kind: 'blood_drive', title: '分时段献血', description: '', startsOn: '2099-05-01', endsOn: '2099-05-31' },
    });
    const { campaign } = await created.json();
    const addSession = (
      json: InferRequestType<(typeof admin.campaigns)[':id']['sessions']['$post']>['json'],
      headers: Record<string, string> = {},
    ) => testClient({ cookie, headers }).admin.campaigns[':id'].sessions.$post({ param: { id: campaign.id }, json });
    const session = {
      startsAt: '2099-05-02T08:30:00+08:00',
      endsAt: '2099-05-02T10:00:00+08:00',
      venue: '献血车',
      address: '公司门口',
      slots: [{ role: '献血者', capacity: 7 }],
    };
    for (const windowMinutes of [3, 12.5, 241]) {
      const refused = await addSession({ ...session, windowMinutes }, { 'accept-language': 'en' });
      expect(refused.status).toBe(400);
      expect((await errorOf(refused)).issues).toEqual([
        { path: 'windowMinutes', message: 'An appointment window is a whole number of minutes from 5 to 240.' },
      ]);
    }
    const tooMany = await addSession({ ...session, endsAt: '2099-05-02T20:00:00+08:00', windowMinutes: 5 });
    expect((await errorOf(tooMany)).issues).toEqual([
      { path: 'windowMinutes', message: '一个场次最多分 48 个预约时段，请加长时段。' },
    ]);

    const response = await addSession({ ...session, windowMinutes: 30 });
    expect(response.status, await response.clone().text()).toBe(201);
    const body = await response.json();
    expect(body.session.windowMinutes).toBe(30);
    expect(body.session.slots[0]!.windows!.map((w) => [w.startsAt, w.capacity])).toEqual([
      ['2099-05-02T08:30:00+08:00', 3],
      ['2099-05-02T09:00:00+08:00', 2],
      ['2099-05-02T09:30:00+08:00', 2],
    ]);

    // Three people in the first window: the slot may shrink to 7 → 7 but not to 6 (2, 2, 2).
    const slotId = body.session.slots[0]!.id;
    await env.DB.prepare(`UPDATE campaigns SET status = 'published', eligibility = '{"donorRules":false}' WHERE id = ?`)
      .bind(campaign.id)
      .run();
    for (let i = 0; i < 3; i++) {
      const citizen = await signInCitizen();
      const booked = await signUp(citizen.cookie, slotId, {
        name: '献血者',
        idNumber: '11010519491231002X',
        windowStartsAt: '2099-05-02T08:30:00+08:00',
      });
      expect(booked.status, await booked.clone().text()).toBe(201);
    }
    const changeCapacity = (capacity: number) =>
      admin.slots[':id'].$patch({ param: { id: slotId }, json: { capacity } });
    const lowered = await changeCapacity(6);
    expect(lowered.status).toBe(409);
    expect((await errorOf(lowered)).code).toBe('capacity_below_taken');
    const raised = await changeCapacity(9);
    expect(raised.status).toBe(200);
  });
});

describe('the desk and windows', () => {
  // Midday in China: "the window under way" of a session begun 40 minutes ago is then the same
  // China day (run just after midnight on the real clock, it would be yesterday's).
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(`${chinaDay(Date.now())}T12:00:00+08:00`));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists who is expected in the window under way, and says each pass’s window at check-in', async () => {
    const { campaignId, slotId } = await windowedSlot(8);
    const people = await Promise.all(Array.from({ length: 3 }, () => signInCitizen()));
    const codes: string[] = [];
    for (const [index, at] of [AT('09:00'), AT('09:30'), AT('09:30')].entries()) {
      const response = await signUp(people[index]!.cookie, slotId, { name: `人${index}`, windowStartsAt: at });
      codes.push((await response.json()).registration.code);
    }
    // The session began 40 minutes ago: its second window (started 10 minutes ago) is under way.
    const now = Date.now();
    const opened = Math.floor((now - 40 * 60_000) / 60_000) * 60_000; // whole minutes, as answers give times
    await env.DB.prepare(
      'UPDATE sessions SET starts_at = ?, ends_at = ? WHERE id = (SELECT session_id FROM slots WHERE id = ?)',
    )
      .bind(opened, opened + 120 * 60_000, slotId)
      .run();
    const organizationId = (await env.DB.prepare('SELECT organization_id AS o FROM campaigns WHERE id = ?')
      .bind(campaignId)
      .first<{ o: string }>())!.o;
    const { cookie } = await signInStaff('checkin', organizationId);

    const desk = (deskCookie: string) => testClient({ cookie: deskCookie }).admin.checkins;
    const expectedAt = (deskCookie: string) => desk(deskCookie).expected.$get({ query: { campaignId } });
    const expected = await expectedAt(cookie);
    expect(expected.status).toBe(200);
    const { items } = await expected.json();
    const second = new Date(opened + 30 * 60_000);
    expect(items.map((item) => [item.name, item.status])).toEqual([
      ['人1', 'confirmed'],
      ['人2', 'confirmed'],
    ]);
    expect(Date.parse(items[0]!.window!.startsAt)).toBe(second.getTime());
    expect(items[0]!.phone).toMatch(/\*\*\*\*/);

    const checkedIn = await desk(cookie).$post({ json: { code: codes[1]!, campaignId } });
    expect(checkedIn.status).toBe(200);
    const { registration } = await checkedIn.json();
    expect(Date.parse(registration.window!.startsAt)).toBe(second.getTime());
    expect(Date.parse(registration.window!.endsAt)).toBe(second.getTime() + 30 * 60_000);
    const after = await (await expectedAt(cookie)).json();
    expect(after.items.map((item) => item.status)).toEqual(['checked_in', 'confirmed']);

    const other = await signInStaff('checkin', await createOrganization());
    expect((await expectedAt(other.cookie)).status).toBe(404);
  });
});

describe('the roster and windows', () => {
  it("shows each sign-up's window beside its session, in the list and the export, and none where the session has none", async () => {
    const { campaignId, slotId } = await windowedSlot(8);
    const person = await signInCitizen();
    const booked = await signUp(person.cookie, slotId, { name: '时段人', windowStartsAt: AT('09:30') });
    expect(booked.status).toBe(201);
    const organizationId = (await env.DB.prepare('SELECT organization_id AS o FROM campaigns WHERE id = ?')
      .bind(campaignId)
      .first<{ o: string }>())!.o;
    const { cookie } = await signInStaff('organizer', organizationId);
    const rosterOf = (id: string) =>
      testClient({ cookie }).admin.campaigns[':id'].registrations.$get({ param: { id }, query: {} });
    const roster = await rosterOf(campaignId);
    expect(roster.status).toBe(200);
    const { items } = await roster.json();
    expect(items.map((item) => [item.name, item.window && Date.parse(item.window.startsAt)])).toEqual([
      ['时段人', Date.parse(AT('09:30'))],
    ]);
    // The export has it in a column of its own, beside the session's time; an empty cell without one.
    const exportedWindows = async (id: string) => {
      const csv = await testClient({ cookie }).admin.campaigns[':id']['registrations.csv'].$get({
        param: { id },
        query: {},
      });
      const [header, ...rows] = (await csv.text())
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .slice(0, -1);
      const column = header!.split(',').indexOf('到场时段');
      return rows.map((row) => row.split(',')[column]);
    };
    expect(await exportedWindows(campaignId)).toEqual(['09:30–10:00']);

    const wholeSession = { startsAt: SESSION.startsAt, endsAt: SESSION.endsAt, slots: [{ role: '学员', capacity: 5 }] };
    const plain = await createCampaign({ organizationId, sessions: [wholeSession] });
    const unwindowed = await signInCitizen();
    expect((await signUp(unwindowed.cookie, plain.slotIds[0]!, { name: '整场人' })).status).toBe(201);
    const plainRoster = await (await rosterOf(plain.id)).json();
    expect(plainRoster.items.map((item) => item.window)).toEqual([null]);
    expect(await exportedWindows(plain.id)).toEqual(['']);
  });
});

describe('an organizer changing a session with windows', () => {
  it('may move it (the windows move with it) but not change its length once a window is booked', async () => {
    const { campaignId, slotId } = await windowedSlot(8);
    const organizationId = (await env.DB.prepare('SELECT organization_id AS o FROM campaigns WHERE id = ?')
      .bind(campaignId)
      .first<{ o: string }>())!.o;
    const { cookie } = await signInStaff('organizer', organizationId);
    const sessionId = (await env.DB.prepare('SELECT session_id AS s FROM slots WHERE id = ?')
      .bind(slotId)
      .first<{ s: string }>())!.s;
    const { admin } = testClient({ cookie });
    const patch = (json: InferRequestType<(typeof admin.sessions)[':id']['$patch']>['json']) =>
      admin.sessions[':id'].$patch({ param: { id: sessionId }, json });
    // Nobody booked yet: the length may change.
    expect((await patch({ endsAt: AT('11:30') })).status).toBe(200);
    const citizen = await signInCitizen();
    const booked = await signUpForWindow(slotId, citizen, AT('10:00'));
    expect(booked.status).toBe(201);
    const longer = await patch({ endsAt: AT('12:00') });
    expect(longer.status).toBe(409);
    expect((await errorOf(longer)).code).toBe('windows_in_use');
    expect((await patch({ startsAt: AT('10:00'), endsAt: AT('12:30') })).status).toBe(200);
    const mine = await (await testClient({ cookie: citizen.cookie }).me.registrations.$get()).json();
    expect(mine.items[0]!.window!.startsAt).toBe(AT('11:00'));
  });
});
