// The donor's record: the next day each kind may be given (every interval pair and the yearly
// platelet cap), the honour, the fee waiver in its three cases; GET /api/me/donor from donations
// recorded at the desk; the donor card's token and its public check, which expires.
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { addDays, addMonths, chinaDay } from '../../worker/domain/china-time.ts';
import { donorStanding, feeWaiver, honorCount, honorFor, type RecordedDonation } from '../../worker/domain/donor.ts';
import { nextDonationDay } from '../../worker/domain/eligibility.ts';
import { createCampaign, startSessionNow } from './fixtures.ts';
import { createOrganization, signInCitizen, signInStaff, signUp, testClient } from './helpers.ts';

const whole = (day: string, volumeMl: number | null = 400): RecordedDonation => ({
  day,
  kind: 'whole_blood',
  volumeMl,
});
const platelets = (day: string): RecordedDonation => ({ day, kind: 'platelets', volumeMl: null });

describe('the next day each kind may be given', () => {
  it('follows every interval pair of the rules', () => {
    // whole blood → whole blood 6 months; whole blood → platelets 3 months
    expect(nextDonationDay('whole_blood', [whole('2026-03-10')])).toBe('2026-09-10');
    expect(nextDonationDay('platelets', [whole('2026-03-10')])).toBe('2026-06-10');
    // platelets → platelets 2 weeks; platelets → whole blood 4 weeks
    expect(nextDonationDay('platelets', [platelets('2026-03-10')])).toBe('2026-03-24');
    expect(nextDonationDay('whole_blood', [platelets('2026-03-10')])).toBe('2026-04-07');
  });

  it('allows at most 24 platelet donations in any 12 months', () => {
    // 24 donations two weeks apart from 2026-01-05: the 25th waits until the first is a year old.
    const year = Array.from({ length: 24 }, (_, i) => platelets(addDays('2026-01-05', 14 * i)));
    const last = year.at(-1)!.day;
    expect(addDays(last, 14) < '2027-01-05').toBe(true);
    expect(nextDonationDay('platelets', year)).toBe('2027-01-05');
    // 23 of them: the two-week interval alone decides.
    expect(nextDonationDay('platelets', year.slice(1))).toBe(addDays(last, 14));
    // The cap is on platelets only: whole blood still waits 4 weeks after the last one.
    expect(nextDonationDay('whole_blood', year)).toBe(addDays(last, 28));
  });

  it('is today on the record when the wait is over or there was no donation', () => {
    expect(donorStanding([], '2026-12-06').nextEligible).toEqual({
      whole_blood: '2026-12-06',
      platelets: '2026-12-06',
    });
    expect(donorStanding([whole('2026-01-01')], '2026-12-06').nextEligible).toEqual({
      whole_blood: '2026-12-06',
      platelets: '2026-12-06',
    });
    expect(donorStanding([whole('2026-11-01')], '2026-12-06').nextEligible).toEqual({
      whole_blood: '2027-05-01',
      platelets: '2027-02-01',
    });
  });
});

describe('the national honour', () => {
  it('counts 200 mL of whole blood as one donation and a platelet donation as one', () => {
    expect(honorCount([whole('2020-01-01', 200), whole('2021-01-01', 300), whole('2022-01-01', 400)])).toBe(4.5);
    expect(honorCount([platelets('2022-01-01'), whole('2023-01-01', null)])).toBe(2);
  });

  it('is bronze from 20, silver from 30, gold from 40', () => {
    expect([0, 19.5, 20, 29.5, 30, 39.5, 40, 75].map(honorFor)).toEqual([
      null,
      null,
      'bronze',
      'bronze',
      'silver',
      'silver',
      'gold',
      'gold',
    ]);
    // Ten 400 mL donations are 20: bronze.
    expect(
      donorStanding(
        Array.from({ length: 10 }, (_, i) => whole(`20${10 + i}-01-01`)),
        '2026-12-06',
      ).honor,
    ).toBe('bronze');
  });
});

describe('the Shandong fee waiver', () => {
  it('is nothing before a first whole-blood donation', () => {
    expect(feeWaiver([], '2026-12-06')).toBeNull();
  });

  it('under 1,000 mL: five times the volume for five years from the last donation, then as much as was given', () => {
    const given = [whole('2024-03-01', 400), whole('2025-06-14', 300)];
    expect(feeWaiver(given, '2026-12-06')).toEqual({ coveredMl: 3500, until: '2030-06-14', thenMl: 700 });
    expect(feeWaiver(given, '2030-06-14')).toEqual({ coveredMl: 3500, until: '2030-06-14', thenMl: 700 });
    expect(feeWaiver(given, '2030-06-15')).toEqual({ coveredMl: 700, until: null, thenMl: null });
  });

  it('from 1,000 mL on: unlimited for life', () => {
    const given = [whole('2010-01-01', 400), whole('2011-01-01', 400), whole('2012-01-01', 200)];
    expect(feeWaiver(given, '2026-12-06')).toEqual({ coveredMl: null, until: null, thenMl: null });
    expect(feeWaiver(given.slice(1), '2026-12-06')).toEqual({ coveredMl: 600, until: null, thenMl: null });
  });
});

const askRecord = (cookie?: string) => testClient({ ...(cookie && { cookie }) }).me.donor.$get();

const record = async (cookie: string) => {
  const response = await askRecord(cookie);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
};

/** The donor card as a gate checks it. */
const checkCard = (token: string) => testClient()['donor-cards'][':token'].$get({ param: { token } });

async function addDonations(personId: string, given: RecordedDonation[]) {
  for (const donation of given) {
    await env.DB.prepare('INSERT INTO donations (id, person_id, day, kind, volume_ml) VALUES (?, ?, ?, ?, ?)')
      .bind(crypto.randomUUID(), personId, donation.day, donation.kind, donation.volumeMl)
      .run();
  }
}

describe('GET /api/me/donor', () => {
  it('needs a signed-in citizen', async () => {
    expect((await askRecord()).status).toBe(401);
  });

  it('shows a donation recorded at the desk, with kind and volume, and when to come back', async () => {
    const organizationId = await createOrganization();
    const campaign = await createCampaign({
      kind: 'blood_drive',
      organizationId,
      sessions: [
        {
          startsAt: new Date(Date.now() + 86_400_000).toISOString(),
          endsAt: new Date(Date.now() + 90_000_000).toISOString(),
          slots: [{ role: '献血者', capacity: 5 }],
        },
      ],
    });
    const citizen = await signInCitizen();
    const signedUp = await signUp(citizen.cookie, campaign.slotIds[0]!, {
      name: '李献血',
      idNumber: '371502199003071230',
      weightKg: 65,
    });
    const { registration } = await signedUp.json();
    await startSessionNow(campaign.slotIds[0]!);
    const desk = testClient({ cookie: (await signInStaff('checkin', organizationId)).cookie }).admin;
    await desk.checkins.$post({ json: { code: registration.code } });
    const donated = await desk.registrations[':id'].donation.$post({
      param: { id: registration.id },
      json: { kind: 'whole_blood', volumeMl: 300 },
    });
    expect(donated.status, await donated.clone().text()).toBe(201);

    const today = chinaDay(Date.now());
    const mine = await record(citizen.cookie);
    expect(mine).toMatchObject({
      donations: [{ day: today, kind: 'whole_blood', volumeMl: 300 }],
      totals: { count: 1, volumeMl: 300 },
      nextEligible: { whole_blood: addMonths(today, 6), platelets: addMonths(today, 3) },
      honor: null,
      feeWaiver: { coveredMl: 1500, until: addMonths(today, 60), thenMl: 300 },
    });
    expect(mine.card.token).toMatch(/^[\w-]{43}$/);
  });

  it('sums donations of both kinds and reaches an honour', async () => {
    const citizen = await signInCitizen();
    const given = [
      ...Array.from({ length: 9 }, (_, i) => whole(`${2010 + i}-05-01`, 400)),
      platelets('2025-01-10'),
      platelets('2025-02-10'),
    ];
    await addDonations(citizen.personId, given);
    const mine = await record(citizen.cookie);
    expect(mine.donations.map((d) => d.day)).toEqual(given.map((d) => d.day).reverse());
    expect(mine).toMatchObject({
      totals: { count: 11, volumeMl: 3600 },
      honor: 'bronze',
      feeWaiver: { coveredMl: null, until: null, thenMl: null },
    });
    const someoneElse = await record((await signInCitizen()).cookie);
    expect(someoneElse).toMatchObject({
      donations: [],
      totals: { count: 0, volumeMl: 0 },
      honor: null,
      feeWaiver: null,
    });
  });
});

describe('the donor card', () => {
  it('shows a gate a masked name, the donations and the honour, and nothing personal', async () => {
    const citizen = await signInCitizen();
    await testClient({ cookie: citizen.cookie }).me.$patch({ json: { name: '王小明', bloodType: 'O' } });
    await addDonations(citizen.personId, [whole('2024-01-01'), platelets('2025-01-01')]);
    const { card } = await record(citizen.cookie);
    const response = await checkCard(card.token);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ valid: true, name: '王**', donations: 2, honor: null });
    expect(JSON.stringify(body)).not.toMatch(new RegExp(`${citizen.phone.slice(-4)}|小明|"O"`));
  });

  it('is refused once expired, or unknown, in the same words', async () => {
    const citizen = await signInCitizen();
    const { card } = await record(citizen.cookie);
    const expiresAt = Date.parse(card.expiresAt);
    expect(expiresAt - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(5 * 60_000);

    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(expiresAt - 1000);
      expect((await checkCard(card.token)).status).toBe(200);
      // The time shown is to the second: a second after it, the token is gone.
      vi.setSystemTime(expiresAt + 1000);
      const expired = await checkCard(card.token);
      expect(expired.status).toBe(404);
      const unknown = await checkCard('x'.repeat(43));
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual(await expired.json());
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives a new token each time, each valid on its own', async () => {
    const citizen = await signInCitizen();
    const first = (await record(citizen.cookie)).card.token;
    const second = (await record(citizen.cookie)).card.token;
    expect(first).not.toBe(second);
    for (const token of [first, second]) expect((await checkCard(token)).status).toBe(200);
  });
});
