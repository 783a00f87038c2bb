// Crowds and retries: concurrent sign-ups for the last seats, cancellations that promote the
// waiting list, and concurrent replays of one Idempotency-Key (teams: team-sign-ups.test.ts).
// Races run as races: every request of a burst is sent at once with Promise.all.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type AnyResponse,
  BOOKING_CODE as CODE,
  errorOf,
  signInCitizen,
  type Registration,
  signUp as signUpFor,
  testClient,
} from './helpers.ts';
import { createCampaign, type SlotFixture } from './fixtures.ts';

const SESSION = { startsAt: '2099-03-10T09:00:00+08:00', endsAt: '2099-03-10T12:00:00+08:00' };

type Citizen = Awaited<ReturnType<typeof signInCitizen>>;

interface MyItem {
  id: string;
  status: string;
  position?: number;
  slot: { id: string };
}

/** Signs in `count` fresh citizens, `chunk` at a time (each on its own client address). */
async function signInMany(count: number, chunk = 50): Promise<Citizen[]> {
  const citizens: Citizen[] = [];
  for (let start = 0; start < count; start += chunk) {
    citizens.push(
      ...(await Promise.all(Array.from({ length: Math.min(chunk, count - start) }, () => signInCitizen()))),
    );
  }
  return citizens;
}

async function slot(slotFixture: SlotFixture, options: Parameters<typeof createCampaign>[0] = {}) {
  const campaign = await createCampaign({
    kind: 'cpr_training',
    sessions: [{ ...SESSION, slots: [slotFixture] }],
    ...options,
  });
  return { campaignId: campaign.id, slotId: campaign.slotIds[0]!, sessionId: campaign.sessionIds[0]! };
}

const signUp = (slotId: string, citizen: Citizen, headers: Record<string, string> = {}) =>
  signUpFor(citizen.cookie, slotId, { name: '排队的人' }, { headers });

async function registered(response: AnyResponse): Promise<Registration> {
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { registration: Registration }).registration;
}

const cancel = (registrationId: string, citizen: Pick<Citizen, 'cookie'>) =>
  testClient({ cookie: citizen.cookie }).registrations[':id'].cancel.$post({ param: { id: registrationId } });

async function refused(response: AnyResponse, status: number, code: string) {
  expect(response.status, await response.clone().text()).toBe(status);
  const error = await errorOf(response);
  expect(error.code).toBe(code);
  return error;
}

const rowsOf = async (slotId: string) =>
  (
    await env.DB.prepare(
      'SELECT id, person_id, status, name, group_id, code FROM registrations WHERE slot_id = ? ORDER BY arrival',
    )
      .bind(slotId)
      .all<{ id: string; person_id: string; status: string; name: string; group_id: string | null; code: string }>()
  ).results;

/** The waiting list in queue order, as person ids. */
const queueOf = async (slotId: string) =>
  (await rowsOf(slotId)).filter((row) => row.status === 'waitlisted').map((row) => row.person_id);

async function seats(campaignId: string, slotId: string) {
  const { campaign } = await (await testClient().campaigns[':id'].$get({ param: { id: campaignId } })).json();
  return campaign.sessions.flatMap((session) => session.slots).find((candidate) => candidate.id === slotId)!;
}

async function myItem(citizen: Citizen, registrationId: string): Promise<MyItem> {
  const response = await testClient({ cookie: citizen.cookie }).me.registrations.$get();
  expect(response.status).toBe(200);
  const { items } = (await response.json()) as { items: MyItem[] };
  return items.find((item) => item.id === registrationId)!;
}

/** Fills a slot with `count` confirmed people, one after another; returns them with their sign-ups. */
async function fill(slotId: string, citizens: Citizen[]) {
  const out: { citizen: Citizen; registration: Registration }[] = [];
  for (const citizen of citizens) out.push({ citizen, registration: await registered(await signUp(slotId, citizen)) });
  return out;
}

describe('a crowd signing up for the last seats', () => {
  let crowd: Citizen[];
  beforeAll(async () => {
    crowd = await signInMany(200);
  }, 60_000);

  it('confirms exactly the capacity and queues everyone else in one unbroken line', async () => {
    const { campaignId, slotId } = await slot({ role: '学员', capacity: 20, waitlist: true });
    const responses = await Promise.all(crowd.map((citizen) => signUp(slotId, citizen)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set([201]));

    const registrations = await Promise.all(
      responses.map(async (response) => ((await response.json()) as { registration: Registration }).registration),
    );
    const confirmed = registrations.filter((registration) => registration.status === 'confirmed');
    const waitlisted = registrations.filter((registration) => registration.status === 'waitlisted');
    expect(confirmed).toHaveLength(20);
    expect(waitlisted).toHaveLength(180);
    for (const registration of confirmed) expect(registration).not.toHaveProperty('position');
    expect(waitlisted.map((registration) => registration.position).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 180 }, (_, i) => i + 1),
    );
    expect(new Set(registrations.map((registration) => registration.code)).size).toBe(200);

    const rows = await rowsOf(slotId);
    expect(rows.filter((row) => row.status === 'confirmed')).toHaveLength(20);
    expect(rows.filter((row) => row.status === 'waitlisted')).toHaveLength(180);
    expect(await seats(campaignId, slotId)).toMatchObject({ capacity: 20, taken: 20, remaining: 0 });

    // The position each person was told is their place in the queue as it stands.
    const queue = await queueOf(slotId);
    const told = new Map(crowd.map((citizen, index) => [citizen.personId, registrations[index]!]));
    expect(queue.map((personId) => told.get(personId)!.position)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
  }, 30_000);

  it('without a waiting list: exactly the capacity gets 201, everyone else 409 slot_full', async () => {
    const { campaignId, slotId } = await slot({ role: '学员', capacity: 20 });
    // Any answer: the client's status type holds only the route's own (201), not the refusals.
    const responses: AnyResponse[] = await Promise.all(crowd.map((citizen) => signUp(slotId, citizen)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses.filter((status) => status === 201)).toHaveLength(20);
    expect(statuses.filter((status) => status === 409)).toHaveLength(180);
    const codes = await Promise.all(
      responses.filter((response) => response.status === 409).map(async (response) => (await errorOf(response)).code),
    );
    expect(new Set(codes)).toEqual(new Set(['slot_full']));

    const rows = await rowsOf(slotId);
    expect(rows).toHaveLength(20);
    expect(rows.every((row) => row.status === 'confirmed')).toBe(true);
    expect(await seats(campaignId, slotId)).toMatchObject({ capacity: 20, taken: 20, remaining: 0 });
  }, 30_000);

  it('lets one person in only once however many times they press the button at once', async () => {
    const { slotId } = await slot({ role: '学员', capacity: 5, waitlist: true });
    const [citizen] = crowd;
    const responses = await Promise.all(Array.from({ length: 10 }, () => signUp(slotId, citizen!)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    expect(await rowsOf(slotId)).toHaveLength(1);
  });
});

describe('the same Idempotency-Key sent many times at once', () => {
  it('books once and answers every copy with the same 201 body', async () => {
    const { slotId } = await slot({ role: '学员', capacity: 5 });
    const citizen = await signInCitizen();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const responses = await Promise.all(Array.from({ length: 10 }, () => signUp(slotId, citizen, headers)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(201));
    const bodies = await Promise.all(responses.map((response) => response.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!).registration).toMatchObject({
      status: 'confirmed',
      code: expect.stringMatching(CODE),
      slotId,
    });
    expect(await rowsOf(slotId)).toHaveLength(1);
    const remembered = await env.DB.prepare('SELECT count(*) AS n FROM idempotent_responses WHERE person_id = ?')
      .bind(citizen.personId)
      .first<{ n: number }>();
    expect(remembered!.n).toBe(1);
  });

  it('answers both copies of each of many people’s doubled requests alike, under load', async () => {
    // Each person's two copies arrive together amid everyone else's, so both pass the first
    // look-up of the key before either is booked: the loser must still replay the winner.
    const { slotId } = await slot({ role: '学员', capacity: 10, waitlist: true });
    const people = await signInMany(30);
    const keys = people.map(() => ({ 'idempotency-key': crypto.randomUUID() }));
    const responses = await Promise.all(
      people.flatMap((citizen, index) => [signUp(slotId, citizen, keys[index]), signUp(slotId, citizen, keys[index])]),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(60).fill(201));
    const bodies = await Promise.all(responses.map((response) => response.text()));
    for (let index = 0; index < people.length; index++)
      expect(bodies[2 * index + 1], `person ${index}`).toBe(bodies[2 * index]);
    const rows = await rowsOf(slotId);
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((row) => row.person_id)).size).toBe(30);
  }, 30_000);

  it('answers both copies alike when they race for the last seat of a slot without a waiting list', async () => {
    // The copy that loses the seat to its own twin must replay the twin's 201, not report slot_full.
    const people = await signInMany(30);
    const slots = await Promise.all(people.map(() => slot({ role: '学员', capacity: 1 })));
    const keys = people.map(() => ({ 'idempotency-key': crypto.randomUUID() }));
    const responses = await Promise.all(
      people.flatMap((citizen, index) => [
        signUp(slots[index]!.slotId, citizen, keys[index]),
        signUp(slots[index]!.slotId, citizen, keys[index]),
      ]),
    );
    const bodies = await Promise.all(responses.map((response) => response.text()));
    const answers = responses.map((response, index) => `${response.status} ${bodies[index]}`);
    const differing = people.map((_, index) => index).filter((index) => answers[2 * index] !== answers[2 * index + 1]);
    expect(
      differing.map((index) => [answers[2 * index], answers[2 * index + 1]]),
      'pairs of copies of one request that got different answers',
    ).toEqual([]);
    expect(responses.map((response) => response.status)).toEqual(Array(60).fill(201));
    for (const { slotId } of slots) expect(await rowsOf(slotId)).toHaveLength(1);
  }, 30_000);

  it('books once on a waiting list too, with one position for every copy', async () => {
    const { slotId } = await slot({ role: '学员', capacity: 0, waitlist: true });
    const citizen = await signInCitizen();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const responses = await Promise.all(Array.from({ length: 10 }, () => signUp(slotId, citizen, headers)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(201));
    const bodies = new Set(await Promise.all(responses.map((response) => response.text())));
    expect(bodies.size).toBe(1);
    expect(JSON.parse([...bodies][0]!).registration).toMatchObject({ status: 'waitlisted', position: 1 });
    expect(await rowsOf(slotId)).toHaveLength(1);
  });
});

describe('POST /api/registrations/:id/cancel', () => {
  it('cancels one’s own sign-up only: someone else’s is 404 and stays', async () => {
    const { slotId } = await slot({ role: '学员', capacity: 5 });
    const [owner, stranger] = await signInMany(2);
    const registration = await registered(await signUp(slotId, owner!));

    await refused(await cancel(registration.id, stranger!), 404, 'not_found');
    await refused(await cancel(crypto.randomUUID(), owner!), 404, 'not_found');
    await refused(await cancel(registration.id, { cookie: '' }), 401, 'unauthenticated');
    expect((await rowsOf(slotId))[0]!.status).toBe('confirmed');

    const response = await cancel(registration.id, owner!);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ registration: { id: registration.id, status: 'cancelled' } });
    const row = await env.DB.prepare('SELECT status, cancelled_at FROM registrations WHERE id = ?')
      .bind(registration.id)
      .first<{ status: string; cancelled_at: number }>();
    expect(row!.status).toBe('cancelled');
    expect(Math.abs(row!.cancelled_at - Date.now())).toBeLessThan(60_000);
  });

  it('answers 409 already_cancelled the second time', async () => {
    const { slotId } = await slot({ role: '学员', capacity: 5 });
    const citizen = await signInCitizen();
    const registration = await registered(await signUp(slotId, citizen));
    expect((await cancel(registration.id, citizen)).status).toBe(200);
    await refused(await cancel(registration.id, citizen), 409, 'already_cancelled');
  });

  it('answers 409 already_checked_in after check-in, and keeps the seat', async () => {
    const { slotId } = await slot({ role: '学员', capacity: 5 });
    const citizen = await signInCitizen();
    const registration = await registered(await signUp(slotId, citizen));
    await env.DB.prepare("UPDATE registrations SET status = 'checked_in', checked_in_at = ? WHERE id = ?")
      .bind(Date.now(), registration.id)
      .run();
    await refused(await cancel(registration.id, citizen), 409, 'already_checked_in');
    expect((await rowsOf(slotId))[0]!.status).toBe('checked_in');
  });

  it('refuses a no-show and a session that has started with 409', async () => {
    const { slotId, sessionId } = await slot({ role: '学员', capacity: 5 });
    const [absent, late] = await signInMany(2);
    const noShow = await registered(await signUp(slotId, absent!));
    await env.DB.prepare("UPDATE registrations SET status = 'no_show' WHERE id = ?").bind(noShow.id).run();
    expect((await cancel(noShow.id, absent!)).status).toBe(409);

    const started = await registered(await signUp(slotId, late!));
    await env.DB.prepare('UPDATE sessions SET starts_at = ? WHERE id = ?')
      .bind(Date.now() - 60_000, sessionId)
      .run();
    await refused(await cancel(started.id, late!), 409, 'registration_closed');
    expect((await rowsOf(slotId)).find((row) => row.id === started.id)!.status).toBe('confirmed');
  });

  it('gives a freed seat to the first person waiting, in the same step', async () => {
    const { campaignId, slotId } = await slot({ role: '学员', capacity: 1, waitlist: true });
    const [holder, first, second] = await signInMany(3);
    const seat = await registered(await signUp(slotId, holder!));
    const a = await registered(await signUp(slotId, first!));
    const b = await registered(await signUp(slotId, second!));
    expect([a.position, b.position]).toEqual([1, 2]);

    expect((await cancel(seat.id, holder!)).status).toBe(200);
    const promoted = await myItem(first!, a.id);
    expect(promoted.status).toBe('confirmed');
    expect(promoted).not.toHaveProperty('position');
    expect(await myItem(second!, b.id)).toMatchObject({ status: 'waitlisted', position: 1 });
    expect(await seats(campaignId, slotId)).toMatchObject({ taken: 1, remaining: 0 });
  });

  it('promotes nobody when a waiting person leaves, and the line behind closes up', async () => {
    const { campaignId, slotId } = await slot({ role: '学员', capacity: 1, waitlist: true });
    const [holder, first, second, third] = await signInMany(4);
    const seat = await registered(await signUp(slotId, holder!));
    const a = await registered(await signUp(slotId, first!));
    const b = await registered(await signUp(slotId, second!));
    const c = await registered(await signUp(slotId, third!));
    expect([a.position, b.position, c.position]).toEqual([1, 2, 3]);

    expect((await cancel(b.id, second!)).status).toBe(200);
    expect((await myItem(holder!, seat.id)).status).toBe('confirmed');
    expect(await myItem(first!, a.id)).toMatchObject({ status: 'waitlisted', position: 1 });
    expect(await myItem(third!, c.id)).toMatchObject({ status: 'waitlisted', position: 2 });
    expect(await myItem(second!, b.id)).not.toHaveProperty('position');
    expect(await seats(campaignId, slotId)).toMatchObject({ taken: 1 });
    expect(await queueOf(slotId)).toEqual([first!.personId, third!.personId]);
  });

  it('promotes exactly one person when the same sign-up is cancelled many times at once', async () => {
    const { slotId } = await slot({ role: '学员', capacity: 1, waitlist: true });
    const [holder, first, second] = await signInMany(3);
    const seat = await registered(await signUp(slotId, holder!));
    await registered(await signUp(slotId, first!));
    await registered(await signUp(slotId, second!));

    const responses = await Promise.all(Array.from({ length: 8 }, () => cancel(seat.id, holder!)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, ...Array(7).fill(409)]);
    const rows = await rowsOf(slotId);
    expect(rows.filter((row) => row.status === 'confirmed').map((row) => row.person_id)).toEqual([first!.personId]);
    expect(await queueOf(slotId)).toEqual([second!.personId]);
  });

  it('10 cancellations at once promote exactly 10 waiting people, in queue order', async () => {
    const { campaignId, slotId } = await slot({ role: '学员', capacity: 10, waitlist: true });
    const people = await signInMany(25);
    const holders = await fill(slotId, people.slice(0, 10));
    const waiters = await fill(slotId, people.slice(10));
    expect(waiters.map(({ registration }) => registration.position)).toEqual(
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
    const queue = await queueOf(slotId);
    expect(queue).toEqual(waiters.map(({ citizen }) => citizen.personId));

    const responses = await Promise.all(holders.map(({ citizen, registration }) => cancel(registration.id, citizen)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));

    const rows = await rowsOf(slotId);
    const confirmed = rows.filter((row) => row.status === 'confirmed').map((row) => row.person_id);
    expect(confirmed.sort()).toEqual(queue.slice(0, 10).sort());
    expect(await queueOf(slotId)).toEqual(queue.slice(10));
    expect(rows.filter((row) => row.status === 'cancelled')).toHaveLength(10);
    expect(await seats(campaignId, slotId)).toMatchObject({ capacity: 10, taken: 10, remaining: 0 });
    for (const [index, { citizen, registration }] of waiters.slice(10).entries()) {
      expect(await myItem(citizen, registration.id)).toMatchObject({ status: 'waitlisted', position: index + 1 });
    }
  }, 30_000);

  it('never lets a newcomer or a team skip people already waiting, even past a free seat', async () => {
    const { campaignId, slotId } = await slot({ role: '学员', capacity: 1, waitlist: true });
    const [holder, waiting, newcomer, contact] = await signInMany(4);
    await registered(await signUp(slotId, holder!));
    const queued = await registered(await signUp(slotId, waiting!));
    // A seat appears without anyone being promoted yet (e.g. capacity raised straight in the database).
    await env.DB.prepare('UPDATE slots SET capacity = 2 WHERE id = ?').bind(slotId).run();
    expect(await seats(campaignId, slotId)).toMatchObject({ capacity: 2, taken: 1, remaining: 1 });

    expect(await registered(await signUp(slotId, newcomer!))).toMatchObject({ status: 'waitlisted', position: 2 });
    // A team cannot hold the free seat either: it is the first waiting person's.
    const group = await testClient({ cookie: contact!.cookie }).slots[':slotId'].groups.$post({
      param: { slotId },
      json: { organization: '某单位', contactName: '联系人', contactPhone: contact!.phone, seats: 1 },
    });
    await refused(group, 409, 'slot_full');
    expect((await queueOf(slotId))[0]).toBe(waiting!.personId);
    expect(await myItem(waiting!, queued.id)).toMatchObject({ status: 'waitlisted', position: 1 });
  });

  it('gives freed seats to the queue, not to people signing up at the same moment', async () => {
    const { campaignId, slotId } = await slot({ role: '学员', capacity: 5, waitlist: true });
    const people = await signInMany(15);
    const holders = await fill(slotId, people.slice(0, 5));
    const waiters = await fill(slotId, people.slice(5, 10));
    const newcomers = people.slice(10);

    const [cancellations, signUps] = await Promise.all([
      Promise.all(holders.map(({ citizen, registration }) => cancel(registration.id, citizen))),
      Promise.all(newcomers.map((citizen) => signUp(slotId, citizen))),
    ]);
    expect(cancellations.map((response) => response.status)).toEqual(Array(5).fill(200));
    const booked = await Promise.all(signUps.map(registered));
    expect(booked.map((registration) => registration.status)).toEqual(Array(5).fill('waitlisted'));
    const confirmed = (await rowsOf(slotId)).filter((row) => row.status === 'confirmed').map((row) => row.person_id);
    expect(confirmed.sort()).toEqual(waiters.map(({ citizen }) => citizen.personId).sort());
    expect(await seats(campaignId, slotId)).toMatchObject({ taken: 5 });
  }, 30_000);
});
