// A citizen's own history: GET /api/me/registrations and GET /api/me/donations.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { errorOf, type SignUpBody, signInCitizen, signUp as signUpFor, testClient } from './helpers.ts';
import { addRegistrations, createCampaign } from './fixtures.ts';

const CHINA_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

type Citizen = Awaited<ReturnType<typeof signInCitizen>>;

const me = (cookie?: string, headers: Record<string, string> = {}) =>
  testClient({ ...(cookie && { cookie }), headers }).me;

interface Item {
  id: string;
  code: string;
  status: string;
  position?: number;
  createdAt: string;
  checkedInAt: string | null;
  slot: { id: string; role: string };
  session: { id: string; startsAt: string; endsAt: string; venue: string; address: string };
  campaign: { id: string; title: string; kind: string };
}

async function campaign(
  options: {
    kind?: 'blood_drive' | 'outreach' | 'cpr_training';
    title?: string;
    startsAt?: string;
    endsAt?: string;
    capacity?: number;
    waitlist?: boolean;
  } = {},
) {
  const created = await createCampaign({
    kind: options.kind ?? 'cpr_training',
    title: options.title ?? `课程 ${crypto.randomUUID().slice(0, 6)}`,
    sessions: [
      {
        startsAt: options.startsAt ?? '2099-01-10T09:00:00+08:00',
        endsAt: options.endsAt ?? '2099-01-10T12:00:00+08:00',
        slots: [{ role: '学员', capacity: options.capacity ?? 10, waitlist: options.waitlist ?? false }],
      },
    ],
  });
  return { ...created, slotId: created.slotIds[0]!, sessionId: created.sessionIds[0]! };
}

async function signUp(slotId: string, citizen: Citizen, fields: Partial<SignUpBody> = {}) {
  const response = await signUpFor(citizen.cookie, slotId, { name: '张三', ...fields });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()).registration;
}

async function myItems(citizen: Citizen): Promise<Item[]> {
  const response = await me(citizen.cookie).registrations.$get();
  expect(response.status).toBe(200);
  const body = (await response.json()) as { items: Item[] };
  expect(Object.keys(body)).toEqual(['items']);
  return body.items;
}

async function addDonation(personId: string, day: string, kind: 'whole_blood' | 'platelets', adverseReaction = false) {
  await env.DB.prepare('INSERT INTO donations (id, person_id, day, kind, adverse_reaction) VALUES (?, ?, ?, ?, ?)')
    .bind(crypto.randomUUID(), personId, day, kind, adverseReaction ? 1 : 0)
    .run();
}

describe('GET /api/me/registrations', () => {
  it('answers 401 without a session', async () => {
    const response = await me().registrations.$get();
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('unauthenticated');
  });

  it('is empty for someone who has signed up for nothing', async () => {
    expect(await myItems(await signInCitizen())).toEqual([]);
  });

  it('lists sign-ups newest first with slot, session and campaign', async () => {
    const citizen = await signInCitizen();
    const first = await campaign({ kind: 'cpr_training', title: '心肺复苏培训' });
    const second = await campaign({
      kind: 'outreach',
      title: '健康讲座',
      startsAt: '2099-02-01T01:30:00Z',
      endsAt: '2099-02-01T03:00:00Z',
    });
    const third = await campaign({ kind: 'cpr_training', title: '急救课程' });

    const a = await signUp(first.slotId, citizen);
    const b = await signUp(second.slotId, citizen);
    const c = await signUp(third.slotId, citizen);
    // D1's clock stamps sign-ups to the millisecond: three in one millisecond would tie. Spread apart
    // as if made a second after each other, they cannot.
    const made = Date.now();
    for (const [registration, at] of [
      [a, made - 2000],
      [b, made - 1000],
      [c, made],
    ] as const) {
      await env.DB.prepare('UPDATE registrations SET created_at = ? WHERE id = ?').bind(at, registration.id).run();
    }

    const items = await myItems(citizen);
    expect(items.map((item) => item.id)).toEqual([c.id, b.id, a.id]);
    const [, lecture, cpr] = items;
    expect(lecture).toMatchObject({
      id: b.id,
      code: b.code,
      status: 'confirmed',
      checkedInAt: null,
      slot: { id: second.slotId, role: '学员' },
      session: {
        id: second.sessionId,
        startsAt: '2099-02-01T09:30:00+08:00',
        endsAt: '2099-02-01T11:00:00+08:00',
        venue: '会场',
        address: '地址',
      },
      campaign: { id: second.id, title: '健康讲座', kind: 'outreach' },
    });
    expect(cpr).toMatchObject({
      session: { startsAt: '2099-01-10T09:00:00+08:00', endsAt: '2099-01-10T12:00:00+08:00' },
      campaign: { id: first.id, title: '心肺复苏培训', kind: 'cpr_training' },
    });
    for (const item of items) {
      expect(item.createdAt).toMatch(CHINA_ISO);
      expect(Math.abs(Date.parse(item.createdAt) - Date.now())).toBeLessThan(60_000);
      expect(item).not.toHaveProperty('position');
      expect(item).not.toHaveProperty('personId');
    }
    expect(Date.parse(items[0]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(items[2]!.createdAt));
  });

  it('gives waiting sign-ups their position, and keeps cancelled ones without one', async () => {
    const full = await campaign({ capacity: 1, waitlist: true });
    await addRegistrations(full.slotId, ['confirmed', 'waitlisted']);
    const citizen = await signInCitizen();
    const waiting = await signUp(full.slotId, citizen);
    expect(waiting).toMatchObject({ status: 'waitlisted', position: 2 });

    const other = await campaign();
    const left = await signUp(other.slotId, citizen);
    expect(
      (await testClient({ cookie: citizen.cookie }).registrations[':id'].cancel.$post({ param: { id: left.id } }))
        .status,
    ).toBe(200);

    const items = await myItems(citizen);
    expect(items.find((item) => item.id === waiting.id)).toMatchObject({ status: 'waitlisted', position: 2 });
    const cancelled = items.find((item) => item.id === left.id)!;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled).not.toHaveProperty('position');
  });

  it('shows when a sign-up was checked in', async () => {
    const citizen = await signInCitizen();
    const drive = await campaign();
    const registration = await signUp(drive.slotId, citizen);
    const at = Date.parse('2099-01-10T09:15:00+08:00');
    await env.DB.prepare("UPDATE registrations SET status = 'checked_in', checked_in_at = ? WHERE id = ?")
      .bind(at, registration.id)
      .run();
    expect((await myItems(citizen))[0]).toMatchObject({
      id: registration.id,
      status: 'checked_in',
      checkedInAt: '2099-01-10T09:15:00+08:00',
    });
  });

  it('never shows anyone else’s sign-ups', async () => {
    const shared = await campaign();
    const [alice, bob] = [await signInCitizen(), await signInCitizen()];
    const mine = await signUp(shared.slotId, alice, { name: '爱丽丝' });
    const theirs = await signUp(shared.slotId, bob, { name: '鲍勃' });
    const onlyBob = await campaign();
    const bobsOther = await signUp(onlyBob.slotId, bob);
    await addRegistrations(shared.slotId, ['confirmed', 'waitlisted', 'cancelled']);

    expect((await myItems(alice)).map((item) => item.id)).toEqual([mine.id]);
    expect((await myItems(bob)).map((item) => item.id).sort()).toEqual([theirs.id, bobsOther.id].sort());
    const aliceText = await (await me(alice.cookie).registrations.$get()).text();
    expect(aliceText).not.toContain(theirs.code);
    expect(aliceText).not.toContain('鲍勃');
  });

  it('shows no ID number for a blood-drive sign-up', async () => {
    const citizen = await signInCitizen();
    const day = new Date(Date.now() + 8 * 60 * 60 * 1000 + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const drive = await createCampaign({
      kind: 'blood_drive',
      startsOn: '2020-01-01',
      endsOn: '2099-12-31',
      sessions: [
        {
          startsAt: `${day}T09:00:00+08:00`,
          endsAt: `${day}T12:00:00+08:00`,
          slots: [{ role: '献血者', capacity: 10 }],
        },
      ],
    });
    await signUp(drive.slotIds[0]!, citizen, { idNumber: '371502199003071230', weightKg: 65 });
    const response = await me(citizen.cookie).registrations.$get();
    const text = await response.text();
    expect(JSON.parse(text).items).toHaveLength(1);
    expect(text).not.toContain('371502199003071230');
    expect(text).not.toContain('v1.');
  });
});

describe('GET /api/me/registrations/:id', () => {
  it('answers 401 without a session', async () => {
    const response = await me().registrations[':id'].$get({ param: { id: 'anything' } });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('unauthenticated');
  });

  it('shows one of the person’s sign-ups as the list does, with its waiting position', async () => {
    const full = await campaign({ capacity: 1, waitlist: true, title: '心肺复苏培训' });
    await addRegistrations(full.slotId, ['confirmed']);
    const citizen = await signInCitizen();
    const waiting = await signUp(full.slotId, citizen);
    await signUp((await campaign()).slotId, citizen);

    const response = await me(citizen.cookie).registrations[':id'].$get({ param: { id: waiting.id } });
    expect(response.status).toBe(200);
    const { registration } = (await response.json()) as { registration: Item };
    expect(registration).toEqual((await myItems(citizen)).find((item) => item.id === waiting.id));
    expect(registration).toMatchObject({
      id: waiting.id,
      code: waiting.code,
      status: 'waitlisted',
      position: 1,
      slot: { id: full.slotId },
      session: { id: full.sessionId, startsAt: '2099-01-10T09:00:00+08:00' },
      campaign: { id: full.id, title: '心肺复苏培训' },
    });
  });

  it('answers 404 for someone else’s sign-up and for an unknown or overlong id', async () => {
    const shared = await campaign();
    const [alice, bob] = [await signInCitizen(), await signInCitizen()];
    await signUp(shared.slotId, alice);
    const bobs = await signUp(shared.slotId, bob);
    for (const id of [bobs.id, 'does-not-exist']) {
      const response = await me(alice.cookie, { 'accept-language': 'en' }).registrations[':id'].$get({ param: { id } });
      expect(response.status).toBe(404);
      const text = await response.text();
      expect(JSON.parse(text).error.code).toBe('not_found');
      expect(text).not.toContain(bobs.code);
    }
    const overlong = await me(alice.cookie).registrations[':id'].$get({ param: { id: 'x'.repeat(65) } });
    expect(overlong.status).toBe(400);
  });
});

describe('GET /api/me/donations', () => {
  it('answers 401 without a session', async () => {
    const response = await me().donations.$get();
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('unauthenticated');
  });

  it('lists the person’s own donations, newest first', async () => {
    const [donor, other, newcomer] = [await signInCitizen(), await signInCitizen(), await signInCitizen()];
    await addDonation(donor.personId, '2025-03-01', 'whole_blood');
    await addDonation(donor.personId, '2026-06-14', 'platelets', true);
    await addDonation(donor.personId, '2025-11-20', 'platelets');
    await addDonation(other.personId, '2026-01-05', 'whole_blood');

    const response = await me(donor.cookie).donations.$get();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      items: [
        { day: '2026-06-14', kind: 'platelets' },
        { day: '2025-11-20', kind: 'platelets' },
        { day: '2025-03-01', kind: 'whole_blood' },
      ],
    });
    expect(await (await me(other.cookie).donations.$get()).json()).toEqual({
      items: [{ day: '2026-01-05', kind: 'whole_blood' }],
    });
    expect(await (await me(newcomer.cookie).donations.$get()).json()).toEqual({ items: [] });
  });
});
