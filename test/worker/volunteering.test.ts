// Volunteer hours: the desk checks a volunteer out once (audited), the hours since check-in are
// theirs in GET /api/me/volunteering with the total and the star level (120/240/…/600 h).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { hoursOf, nextStarHours, starsFor } from '../../worker/domain/volunteering.ts';
import { createCampaign, startSessionNow } from './fixtures.ts';
import { createOrganization, errorOf, signInCitizen, signInStaff, signUp, testClient } from './helpers.ts';

const HOUR = 3_600_000;

/** A volunteer signed up to a clinic's session happening now, and the desk of its organization. */
async function volunteer() {
  const organizationId = await createOrganization();
  const campaign = await createCampaign({
    kind: 'outreach',
    organizationId,
    sessions: [
      {
        startsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
        endsAt: new Date(Date.now() + 28 * HOUR).toISOString(),
        slots: [{ role: '志愿者', capacity: 5 }],
      },
    ],
  });
  const citizen = await signInCitizen();
  const response = await signUp(citizen.cookie, campaign.slotIds[0]!, { name: '志愿者甲' });
  expect(response.status, await response.clone().text()).toBe(201);
  const { registration } = await response.json();
  await startSessionNow(campaign.slotIds[0]!);
  const desk = await signInStaff('checkin', organizationId);
  return { campaign, citizen, registration, desk };
}

const checkout = (cookie: string, id: string) =>
  testClient({ cookie }).admin.registrations[':id'].checkout.$post({ param: { id } });
const checkIn = (cookie: string, code: string) => testClient({ cookie }).admin.checkins.$post({ json: { code } });
const myVolunteering = (cookie?: string) => testClient({ ...(cookie && { cookie }) }).me.volunteering.$get();

describe('volunteer check-out', () => {
  it('is refused before check-in, counts once under a double tap, and is audited', async () => {
    const { registration, desk, citizen } = await volunteer();
    const early = await checkout(desk.cookie, registration.id);
    expect(early.status).toBe(409);
    expect((await errorOf(early)).code).toBe('not_checked_in');

    expect((await checkIn(desk.cookie, registration.code)).status).toBe(200);
    // Checked in 3 h 30 min ago (as if at the session's start).
    await env.DB.prepare('UPDATE registrations SET checked_in_at = ? WHERE id = ?')
      .bind(Date.now() - 3.5 * HOUR, registration.id)
      .run();
    const taps = await Promise.all([1, 2, 3].map(() => checkout(desk.cookie, registration.id)));
    expect(taps.map((tap) => tap.status).sort()).toEqual([200, 409, 409]);
    const done = taps.find((tap) => tap.status === 200)!;
    expect((await done.json()).registration.minutes).toBe(210);
    for (const tap of taps.filter((t) => t.status !== 200))
      expect((await errorOf(tap)).code).toBe('already_checked_out');
    const audited = await env.DB.prepare(
      `SELECT count(*) AS n FROM audit_log WHERE action = 'registration.check_out' AND target_id = ?`,
    )
      .bind(registration.id)
      .first<{ n: number }>();
    expect(audited!.n).toBe(1);

    const mine = await myVolunteering(citizen.cookie);
    expect(mine.status).toBe(200);
    const body = await mine.json();
    expect(body).toMatchObject({ hours: 3.5, stars: 0, nextStarHours: 120 });
    expect(body.items).toEqual([
      expect.objectContaining({ minutes: 210, role: '志愿者', checkedOutAt: expect.stringMatching(/\+08:00$/) }),
    ]);
  });

  it('is refused to another organization’s desk', async () => {
    const { registration, desk } = await volunteer();
    await checkIn(desk.cookie, registration.code);
    const stranger = await signInStaff('checkin', await createOrganization());
    expect((await checkout(stranger.cookie, registration.id)).status).toBe(404);
  });

  it('leaves a person with no service an empty record, and needs a sign-in', async () => {
    expect((await myVolunteering()).status).toBe(401);
    const { cookie } = await signInCitizen();
    expect(await (await myVolunteering(cookie)).json()).toEqual({
      hours: 0,
      stars: 0,
      nextStarHours: 120,
      items: [],
    });
  });
});

describe('star levels', () => {
  it('are reached at 120, 240, 360, 480 and 600 hours', () => {
    expect([0, 119.9, 120, 239.9, 240, 360, 480, 599.9, 600, 900].map(starsFor)).toEqual([
      0, 0, 1, 1, 2, 3, 4, 4, 5, 5,
    ]);
    expect(nextStarHours(119.9)).toBe(120);
    expect(nextStarHours(120)).toBe(240);
    expect(nextStarHours(600)).toBeNull();
  });

  it('count hours to the tenth, never rounding up', () => {
    expect(hoursOf(210)).toBe(3.5);
    expect(hoursOf(7199)).toBe(119.9);
    expect(hoursOf(7200)).toBe(120);
  });
});
