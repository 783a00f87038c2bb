// One-step reschedule: a citizen moves their confirmed sign-up to another slot, session or window
// of the same campaign. The new seat is taken and the old one released (its waiting list promoted,
// with the text) in one step, or nothing changes.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, chinaDay } from '../../worker/domain/china-time.ts';
import { type AnyResponse, errorOf, signInCitizen, signUp as signUpFor, testClient } from './helpers.ts';
import { addRegistrations, createCampaign, startSessionNow } from './fixtures.ts';

type Citizen = Awaited<ReturnType<typeof signInCitizen>>;

const DAY = '2099-04-10';
const AT = (time: string, day = DAY) => `${day}T${time}:00+08:00`;

const registrations = (citizen: Pick<Citizen, 'cookie'>, headers: Record<string, string> = {}) =>
  testClient({ cookie: citizen.cookie, headers }).registrations[':id'];

const signUp = async (
  slotId: string,
  citizen: Citizen,
  windowStartsAt?: string,
  extra: { idNumber?: string; weightKg?: number } = {},
) => {
  const response = await signUpFor(citizen.cookie, slotId, {
    name: '改期的人',
    ...(windowStartsAt && { windowStartsAt }),
    ...extra,
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()).registration;
};

const move = (
  registrationId: string,
  citizen: Pick<Citizen, 'cookie'>,
  json: { slotId: string; windowStartsAt?: string },
  headers: Record<string, string> = {},
) => registrations(citizen, headers).move.$post({ param: { id: registrationId }, json });

async function refused(response: AnyResponse, status: number, code: string) {
  expect(response.status, await response.clone().text()).toBe(status);
  expect((await errorOf(response)).code).toBe(code);
}

const rowOf = (id: string) =>
  env.DB.prepare('SELECT slot_id, window_index, status, code, group_id FROM registrations WHERE id = ?')
    .bind(id)
    .first<{ slot_id: string; window_index: number | null; status: string; code: string; group_id: string | null }>();

const statusesIn = async (slotId: string) =>
  (
    await env.DB.prepare('SELECT status FROM registrations WHERE slot_id = ? ORDER BY arrival')
      .bind(slotId)
      .all<{ status: string }>()
  ).results.map((row) => row.status);

const promotionTextsIn = async (slotId: string) =>
  (
    await env.DB.prepare(
      `SELECT n.registration_id AS id FROM notifications n JOIN registrations r ON r.id = n.registration_id
       WHERE r.slot_id = ? AND n.kind = 'promoted'`,
    )
      .bind(slotId)
      .all<{ id: string }>()
  ).results.map((row) => row.id);

/**
 * A campaign of two sessions: the first in 30-minute windows (09:00–10:00, a slot of 2: one seat
 * a window), the second without windows (a slot of 1 with a waiting list, a slot of 5).
 */
async function campaignOfTwoSessions() {
  const campaign = await createCampaign({
    sessions: [
      { startsAt: AT('09:00'), endsAt: AT('10:00'), windowMinutes: 30, slots: [{ role: '学员', capacity: 2 }] },
      {
        startsAt: AT('14:00'),
        endsAt: AT('16:00'),
        slots: [
          { role: '学员', capacity: 1, waitlist: true },
          { role: '志愿者', capacity: 5 },
        ],
      },
    ],
  });
  const [windowed, busy, roomy] = campaign.slotIds as [string, string, string];
  return { campaignId: campaign.id, windowed, busy, roomy };
}

describe('moving a sign-up', () => {
  let citizens: Citizen[];
  beforeAll(async () => {
    citizens = await Promise.all(Array.from({ length: 8 }, () => signInCitizen()));
  });

  it('to another window: the same pass, the new time, the old window free again', async () => {
    const { windowed } = await campaignOfTwoSessions();
    const mine = await signUp(windowed, citizens[0]!, AT('09:00'));
    const response = await move(mine.id, citizens[0]!, { slotId: windowed, windowStartsAt: AT('09:30') });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toEqual({
      registration: {
        id: mine.id,
        code: mine.code,
        status: 'confirmed',
        slotId: windowed,
        windowStartsAt: AT('09:30'),
      },
    });
    expect(await rowOf(mine.id)).toMatchObject({
      slot_id: windowed,
      window_index: 1,
      status: 'confirmed',
      code: mine.code,
    });
    // 09:00 is free for someone else; 09:30 is taken.
    await signUp(windowed, citizens[1]!, AT('09:00'));
    await refused(
      await move(mine.id, citizens[0]!, { slotId: windowed, windowStartsAt: AT('09:00') }),
      409,
      'window_full',
    );

    const { items } = await (await testClient({ cookie: citizens[0]!.cookie }).me.registrations.$get()).json();
    expect(items.find((item) => item.id === mine.id)!.window).toEqual({ startsAt: AT('09:30'), endsAt: AT('10:00') });
  });

  it('to another session: the freed seat goes to the first person waiting, who gets the text', async () => {
    const { busy, roomy } = await campaignOfTwoSessions();
    const mine = await signUp(busy, citizens[0]!);
    const waiting = await signUp(busy, citizens[1]!);
    expect(waiting.status).toBe('waitlisted');

    const response = await move(mine.id, citizens[0]!, { slotId: roomy });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await rowOf(mine.id)).toMatchObject({ slot_id: roomy, window_index: null, status: 'confirmed' });
    expect(await rowOf(waiting.id)).toMatchObject({ slot_id: busy, status: 'confirmed' });
    expect(await promotionTextsIn(busy)).toEqual([waiting.id]);
  });

  it('into a full slot: 409 slot_full, and nothing changes (no promotion, no text)', async () => {
    const { busy, roomy } = await campaignOfTwoSessions();
    await signUp(busy, citizens[2]!); // the one seat
    const mine = await signUp(roomy, citizens[0]!);
    await addRegistrations(roomy, ['waitlisted']); // left over from before a capacity raise: must stay waiting
    await refused(await move(mine.id, citizens[0]!, { slotId: busy }), 409, 'slot_full');
    expect(await rowOf(mine.id)).toMatchObject({ slot_id: roomy, status: 'confirmed' });
    expect(await statusesIn(busy)).toEqual(['confirmed']);
    expect(await promotionTextsIn(roomy)).toEqual([]);
    expect(await promotionTextsIn(busy)).toEqual([]);
  });

  it('refuses: another campaign, the same place, no window named, a held seat elsewhere, someone else’s', async () => {
    const { busy, roomy, windowed } = await campaignOfTwoSessions();
    const other = await campaignOfTwoSessions();
    const mine = await signUp(roomy, citizens[3]!);
    await refused(await move(mine.id, citizens[3]!, { slotId: other.roomy }), 409, 'other_campaign');
    await refused(await move(mine.id, citizens[3]!, { slotId: roomy }), 409, 'same_place');
    const noWindow = await move(mine.id, citizens[3]!, { slotId: windowed });
    expect(noWindow.status).toBe(400);
    expect((await errorOf(noWindow)).issues).toEqual([{ path: 'windowStartsAt', message: '请选择一个预约时段。' }]);
    const elsewhere = await signUp(windowed, citizens[3]!, AT('09:00'));
    await refused(await move(elsewhere.id, citizens[3]!, { slotId: roomy }), 409, 'already_registered');
    await refused(await move(mine.id, citizens[4]!, { slotId: busy }), 404, 'not_found');
    await refused(await move(mine.id, { cookie: '' }, { slotId: busy }), 401, 'unauthenticated');
    await refused(await move(mine.id, citizens[3]!, { slotId: 'no-such-slot' }), 404, 'not_found');
    const english = await move(mine.id, citizens[3]!, { slotId: roomy }, { 'accept-language': 'en' });
    expect((await errorOf(english)).message).toBe('Your sign-up is already for this session and time.');
    expect(await rowOf(mine.id)).toMatchObject({ slot_id: roomy, status: 'confirmed' });
  });

  it('refuses sign-ups that hold no seat to exchange, and sessions already begun', async () => {
    const { busy, roomy } = await campaignOfTwoSessions();
    await signUp(busy, citizens[5]!);
    const waiting = await signUp(busy, citizens[6]!);
    await refused(await move(waiting.id, citizens[6]!, { slotId: roomy }), 409, 'not_confirmed');

    const cancelled = await signUp(roomy, citizens[7]!);
    await registrations(citizens[7]!).cancel.$post({ param: { id: cancelled.id } });
    await refused(await move(cancelled.id, citizens[7]!, { slotId: busy }), 409, 'already_cancelled');

    const checkedIn = await signUp(roomy, citizens[6]!);
    await env.DB.prepare(`UPDATE registrations SET status = 'checked_in' WHERE id = ?`).bind(checkedIn.id).run();
    await refused(await move(checkedIn.id, citizens[6]!, { slotId: busy }), 409, 'already_checked_in');

    // From a session that has begun, and into one that has.
    const { busy: later, roomy: begun } = await campaignOfTwoSessions();
    const started = await signUp(begun, citizens[5]!);
    await startSessionNow(begun);
    await refused(await move(started.id, citizens[5]!, { slotId: later }), 409, 'registration_closed');
    const fresh = await campaignOfTwoSessions();
    const early = await signUp(fresh.windowed, citizens[5]!, AT('09:00'));
    await startSessionNow(fresh.roomy);
    await refused(await move(early.id, citizens[5]!, { slotId: fresh.roomy }), 409, 'registration_closed');
    expect(await rowOf(early.id)).toMatchObject({ slot_id: fresh.windowed, status: 'confirmed' });
  });

  it('checks the donor interval against the new session’s day', async () => {
    // Whole blood six months before day 50 from now: the next donation from day 50. The drive's
    // sessions are on days 60 and 40.
    const today = chinaDay(Date.now());
    const day = (days: number) => addDays(today, days);
    const session = (onDay: string) => ({
      startsAt: AT('09:00', onDay),
      endsAt: AT('12:00', onDay),
      slots: [{ role: '献血者', capacity: 5 }],
    });
    const campaign = await createCampaign({
      kind: 'blood_drive',
      startsOn: today,
      endsOn: day(90),
      sessions: [session(day(60)), session(day(40))],
    });
    const [late, early] = campaign.slotIds as [string, string];
    const donor = await signInCitizen();
    await env.DB.prepare(`INSERT INTO donations (id, person_id, day, kind) VALUES (?, ?, ?, 'whole_blood')`)
      .bind(crypto.randomUUID(), donor.personId, addMonths(day(50), -6))
      .run();
    const mine = await signUp(late, donor, undefined, { idNumber: '371502199003071230', weightKg: 60 });
    // Typed as any answer: the client knows only the route's own answers, not the error shape.
    const response: AnyResponse = await move(mine.id, donor, { slotId: early });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; reasons: { code: string; message: string }[] } };
    expect(body.error.code).toBe('ineligible');
    expect(body.error.reasons).toEqual([{ code: 'interval', message: expect.stringContaining(day(50)) }]);
    expect(await rowOf(mine.id)).toMatchObject({ slot_id: late });
  });
});

describe('moves in a crowd and under retries', () => {
  it('many people moving into one free window at once: exactly one gets it, the others keep their seats', async () => {
    const campaign = await createCampaign({
      sessions: [
        { startsAt: AT('09:00'), endsAt: AT('11:00'), windowMinutes: 60, slots: [{ role: '学员', capacity: 2 }] },
        { startsAt: AT('14:00'), endsAt: AT('16:00'), slots: [{ role: '学员', capacity: 30 }] },
      ],
    });
    const [windowed, roomy] = campaign.slotIds as [string, string];
    const crowd = await Promise.all(Array.from({ length: 20 }, () => signInCitizen()));
    const seats = await Promise.all(crowd.map((citizen) => signUp(roomy, citizen)));
    // Any answer: the client's status type holds only the route's own (200), not the refusals.
    const responses: AnyResponse[] = await Promise.all(
      seats.map((seat, index) => move(seat.id, crowd[index]!, { slotId: windowed, windowStartsAt: AT('10:00') })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const codes = new Set(
      await Promise.all(responses.filter((r) => r.status === 409).map(async (r) => (await errorOf(r)).code)),
    );
    expect(codes).toEqual(new Set(['window_full']));
    expect(await statusesIn(windowed)).toEqual(['confirmed']);
    expect(await statusesIn(roomy)).toEqual(Array(19).fill('confirmed'));
  }, 30_000);

  it('the same Idempotency-Key sent many times at once moves once and answers every copy alike', async () => {
    const { busy, roomy } = await campaignOfTwoSessions();
    const citizen = await signInCitizen();
    const mine = await signUp(busy, citizen);
    const waiting = await signUp(busy, await signInCitizen());
    const key = { 'idempotency-key': crypto.randomUUID() };
    const copies = await Promise.all(Array.from({ length: 8 }, () => move(mine.id, citizen, { slotId: roomy }, key)));
    expect(copies.map((response) => response.status)).toEqual(Array(8).fill(200));
    expect(new Set(await Promise.all(copies.map((response) => response.text()))).size).toBe(1);
    expect(await rowOf(mine.id)).toMatchObject({ slot_id: roomy, status: 'confirmed' });
    expect(await rowOf(waiting.id)).toMatchObject({ slot_id: busy, status: 'confirmed' });
    expect(await promotionTextsIn(busy)).toEqual([waiting.id]);
    // The phone lost the answer and sends the request again: the same 200, not same_place.
    const retry = await move(mine.id, citizen, { slotId: roomy }, key);
    expect(retry.status).toBe(200);
    expect((await retry.json()) as object).toMatchObject({ registration: { id: mine.id, slotId: roomy } });
  });

  it('copies of a refused move hear the same refusal', async () => {
    const { busy, roomy } = await campaignOfTwoSessions();
    const citizen = await signInCitizen();
    const mine = await signUp(roomy, citizen);
    await signUp(busy, await signInCitizen()); // the one seat
    const key = { 'idempotency-key': crypto.randomUUID() };
    const copies = await Promise.all(Array.from({ length: 5 }, () => move(mine.id, citizen, { slotId: busy }, key)));
    expect(new Set(await Promise.all(copies.map((response) => response.clone().text()))).size).toBe(1);
    await refused(copies[0]!, 409, 'slot_full');
    expect(await rowOf(mine.id)).toMatchObject({ slot_id: roomy, status: 'confirmed' });
  });
});
