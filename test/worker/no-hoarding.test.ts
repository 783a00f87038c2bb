// One account cannot hold a drive's seats: at most 4 sign-ups for sessions still to come, decided
// in the sign-up's own INSERT, so a burst of requests cannot slip past it.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MAX_UPCOMING_REGISTRATIONS } from '../../worker/db/registrations.ts';
import { createCampaign } from './fixtures.ts';
import { errorOf, newAddress, signInCitizen, signUp as signUpFor, type Registration, testClient } from './helpers.ts';

const DAY = 86_400_000;

/** One campaign with `count` sessions in the coming weeks, a slot of 10 in each. */
async function sessions(count: number) {
  const campaign = await createCampaign({
    sessions: Array.from({ length: count }, (_, i) => ({
      startsAt: new Date(Date.now() + (i + 2) * DAY).toISOString(),
      endsAt: new Date(Date.now() + (i + 2) * DAY + 3_600_000).toISOString(),
      slots: [{ role: '学员', capacity: 10 }],
    })),
  });
  return campaign.slotIds;
}

const signUp = (slotId: string, cookie: string, language = 'zh-CN') =>
  signUpFor(cookie, slotId, { name: '囤票者' }, { address: newAddress(), headers: { 'accept-language': language } });

describe('seats one account may hold', () => {
  it(`are at most ${MAX_UPCOMING_REGISTRATIONS} upcoming sign-ups, even when ten are asked for at once`, async () => {
    expect(MAX_UPCOMING_REGISTRATIONS).toBe(4);
    const slotIds = await sessions(10);
    const citizen = await signInCitizen();
    const responses = await Promise.all(slotIds.map((slotId) => signUp(slotId, citizen.cookie)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 409, 409, 409, 409, 409, 409]);
    for (const response of responses.filter((r) => r.status !== 201)) {
      const error = await errorOf(response);
      expect(error.code).toBe('too_many_sign_ups');
      expect(error.message).toContain('4');
    }
    const held = await env.DB.prepare(
      `SELECT count(*) AS n FROM registrations WHERE person_id = ? AND status IN ('confirmed', 'waitlisted')`,
    )
      .bind(citizen.personId)
      .first<{ n: number }>();
    expect(held!.n).toBe(4);
  });

  it('free a place when one is cancelled, and say so in English too', async () => {
    const slotIds = await sessions(6);
    const citizen = await signInCitizen();
    const booked: Registration[] = [];
    for (const slotId of slotIds.slice(0, 4)) {
      const response = await signUp(slotId, citizen.cookie);
      booked.push((await response.json()).registration);
    }
    const refused = await signUp(slotIds[4]!, citizen.cookie, 'en');
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).message).toMatch(/already hold 4 sign-ups/);

    const cancelled = await testClient({ cookie: citizen.cookie }).registrations[':id'].cancel.$post({
      param: { id: booked[0]!.id },
    });
    expect(cancelled.status).toBe(200);
    expect((await signUp(slotIds[4]!, citizen.cookie)).status).toBe(201);
    // Someone else is not held by this person's sign-ups.
    expect((await signUp(slotIds[5]!, (await signInCitizen()).cookie)).status).toBe(201);
  });
});
