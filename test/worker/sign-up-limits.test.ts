// Sign-up rate limits: per person and per client address, on single and team sign-ups; a replay of
// an answered Idempotency-Key is never refused. The clock is pinned to the start of an hour so the
// fixed windows (10 minutes, an hour) cannot roll over in the middle of a test.
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keyedHash } from '../../worker/lib/keyed-hash.ts';
import { type AnyResponse, errorOf, newAddress, signInCitizen, signUp as signUpFor, testClient } from './helpers.ts';
import { createCampaign } from './fixtures.ts';

const SESSION = { startsAt: '2099-05-10T09:00:00+08:00', endsAt: '2099-05-10T12:00:00+08:00' };
const PER_PERSON = 20;
const PER_ADDRESS = 3000;
const GROUPS_PER_PERSON = 10;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 1_000);
});
afterEach(() => vi.useRealTimers());

async function openSlot(capacity = 1000) {
  const campaign = await createCampaign({ sessions: [{ ...SESSION, slots: [{ role: '学员', capacity }] }] });
  return campaign.slotIds[0]!;
}

const signUp = (slotId: string, cookie: string, address: string, headers: Record<string, string> = {}) =>
  signUpFor(cookie, slotId, { name: '测试' }, { address, headers });

async function expectRateLimited(response: AnyResponse & Pick<Response, 'headers'>) {
  expect(response.status, await response.clone().text()).toBe(429);
  expect((await errorOf(response)).code).toBe('rate_limited');
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  return retryAfter;
}

describe('sign-ups per person', () => {
  it(`allows ${PER_PERSON} tries in 10 minutes, then answers 429 with Retry-After until the window ends`, async () => {
    const slotId = await openSlot();
    const citizen = await signInCitizen();
    const address = newAddress();
    expect((await signUp(slotId, citizen.cookie, address)).status).toBe(201);
    // Refused tries count as well: a script probing full slots is held back like one booking.
    for (let i = 1; i < PER_PERSON; i++) expect((await signUp(slotId, citizen.cookie, address)).status).toBe(409);

    const other = await openSlot();
    expect(await expectRateLimited(await signUp(other, citizen.cookie, address))).toBe(600 - 1);
    // Another address does not help: the limit follows the person, through a new session too.
    expect((await signUp(other, citizen.cookie, newAddress())).status).toBe(429);
    vi.setSystemTime(Date.now() + 61_000); // a second code for the same phone after a minute
    const again = await signInCitizen(citizen.phone);
    expect((await signUp(other, again.cookie, newAddress())).status).toBe(429);

    // Someone else at the same address is not held back.
    expect((await signUp(other, (await signInCitizen()).cookie, address)).status).toBe(201);

    vi.setSystemTime(Date.now() + 600_000);
    expect((await signUp(other, citizen.cookie, address)).status).toBe(201);
  });

  it('replays an answered Idempotency-Key even when the limit is reached', async () => {
    const slotId = await openSlot();
    const citizen = await signInCitizen();
    const address = newAddress();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const first = await signUp(slotId, citizen.cookie, address, headers);
    expect(first.status).toBe(201);
    const booked = (await first.json()).registration;
    for (let i = 1; i < PER_PERSON; i++) await signUp(slotId, citizen.cookie, address);
    await expectRateLimited(await signUp(await openSlot(), citizen.cookie, address));

    const replayed = await signUp(slotId, citizen.cookie, address, headers);
    expect(replayed.status).toBe(201);
    expect((await replayed.json()).registration).toEqual(booked);
    // A new key is a new request, and that one is refused.
    await expectRateLimited(await signUp(slotId, citizen.cookie, address, { 'idempotency-key': crypto.randomUUID() }));
  });
});

describe('sign-ups per client address', () => {
  it(`counts every try from an address, signed in or not, and refuses past ${PER_ADDRESS} in 10 minutes`, async () => {
    const slotId = await openSlot();
    const address = newAddress();
    // The window's count so far, written straight to D1 (sending thousands of requests would take
    // longer than a test should); the last hundred arrive over HTTP below.
    const windowStart = Math.floor(Date.now() / 600_000) * 600_000;
    await env.DB.prepare('INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, ?)')
      .bind(await keyedHash(env.HASH_KEY!, `signup-ip:${address}`), windowStart, PER_ADDRESS - 101)
      .run();
    // A script with made-up session cookies: each try is counted before the session is known.
    const statuses = await Promise.all(
      Array.from(
        { length: 100 },
        async () => (await signUp(slotId, `lifeline_session=forged-${crypto.randomUUID()}`, address)).status,
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([401]));
    const citizen = await signInCitizen();
    expect((await signUp(slotId, citizen.cookie, address)).status).toBe(201); // the last one the window allows
    await expectRateLimited(await signUp(slotId, citizen.cookie, address));
    // From elsewhere the same try gets past the limit (and is refused for what it is).
    expect((await signUp(slotId, citizen.cookie, newAddress())).status).toBe(409);
  });
});

describe('team seat holds', () => {
  const team = (contact: { phone: string }) => ({
    organization: '聊城大学',
    contactName: '王老师',
    contactPhone: contact.phone,
    seats: 1,
  });

  it(`allow ${GROUPS_PER_PERSON} teams an hour per person, then 429 with Retry-After`, async () => {
    // One open team per contact and slot: each hold goes to a slot of its own.
    const slotIds = await Promise.all(Array.from({ length: GROUPS_PER_PERSON + 2 }, () => openSlot()));
    const contact = await signInCitizen();
    const address = newAddress();
    const send = (slotId: string, citizen: { cookie: string; phone: string }) =>
      testClient({ cookie: citizen.cookie, address }).slots[':slotId'].groups.$post({
        param: { slotId },
        json: team(citizen),
      });
    for (let i = 0; i < GROUPS_PER_PERSON; i++) expect((await send(slotIds[i]!, contact)).status).toBe(201);
    expect(await expectRateLimited(await send(slotIds[GROUPS_PER_PERSON]!, contact))).toBe(3600 - 1);
    expect((await send(slotIds[GROUPS_PER_PERSON + 1]!, await signInCitizen())).status).toBe(201);
  });
});
