import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { chinaDay } from '../../worker/domain/china-time.ts';
import { createOrganization, signInCitizen, signInStaff, signUp, testClient } from './helpers.ts';
import { addRegistrations, createCampaign, startSessionNow } from './fixtures.ts';

const DAY = 86_400_000;
const at = (days: number) => ({
  startsAt: new Date(Date.now() + days * DAY).toISOString(),
  endsAt: new Date(Date.now() + days * DAY + 3_600_000).toISOString(),
});

const askStats = (campaignId: string, cookie: string) =>
  testClient({ cookie }).admin.campaigns[':id'].stats.$get({ param: { id: campaignId } });

const statsOf = async (campaignId: string, cookie: string) => {
  const response = await askStats(campaignId, cookie);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()).stats;
};

describe('GET /api/admin/campaigns/:id/stats', () => {
  it('counts by status, by session and by day; attendance only over sessions that are over', async () => {
    const organizationId = await createOrganization();
    const campaign = await createCampaign({
      organizationId,
      sessions: [
        {
          ...at(-2),
          slots: [
            { role: '学员', capacity: 4 },
            { role: '助教', capacity: 1 },
          ],
        },
        { ...at(5), slots: [{ role: '学员', capacity: 3, waitlist: true }] },
      ],
    });
    const [past1, past2, future] = campaign.slotIds as [string, string, string];
    await addRegistrations(past1, ['checked_in', 'checked_in', 'no_show', 'confirmed']);
    await addRegistrations(past2, ['cancelled']);
    await addRegistrations(future, ['confirmed', 'confirmed', 'confirmed', 'waitlisted', 'cancelled']);
    const threeDaysAgo = Date.now() - 3 * DAY;
    await env.DB.prepare(
      `UPDATE registrations SET created_at = ?, cancelled_at = ? WHERE slot_id = ? AND status = 'cancelled'`,
    )
      .bind(threeDaysAgo, Date.now(), future)
      .run();

    const stats = await statsOf(campaign.id, (await signInStaff('checkin', organizationId)).cookie);
    expect(stats.byStatus).toEqual({ confirmed: 4, waitlisted: 1, cancelled: 2, checked_in: 2, no_show: 1 });
    expect(stats.attendanceRate).toBe(0.5);
    expect(
      stats.bySession.map((session) => [
        session.id,
        session.capacity,
        session.byStatus.confirmed,
        session.byStatus.checked_in,
      ]),
    ).toEqual([
      [campaign.sessionIds[0], 5, 1, 2],
      [campaign.sessionIds[1], 3, 3, 0],
    ]);
    expect(stats.bySession[0]!.startsAt).toMatch(/\+08:00$/);
    expect(stats.byDay).toEqual([
      { day: chinaDay(threeDaysAgo), signUps: 1, cancellations: 0 },
      { day: chinaDay(Date.now()), signUps: 9, cancellations: 1 },
    ]);
    expect(stats.bloodTypes).toBeUndefined();
  });

  it('counts blood types and donations at a blood drive', async () => {
    const organizationId = await createOrganization();
    const campaign = await createCampaign({
      kind: 'blood_drive',
      organizationId,
      sessions: [{ ...at(10), slots: [{ role: '献血者', capacity: 5 }] }],
    });
    const donor = await signInCitizen();
    await testClient({ cookie: donor.cookie }).me.$patch({ json: { bloodType: 'B' } });
    const signedUp = await signUp(donor.cookie, campaign.slotIds[0]!, {
      name: '李献血',
      idNumber: '371502199003071230',
      weightKg: 65,
    });
    const { registration } = await signedUp.json();
    await addRegistrations(campaign.slotIds[0]!, ['confirmed']);
    await startSessionNow(campaign.slotIds[0]!);
    const organizer = await signInStaff('organizer', organizationId);
    const checkedIn = await testClient({ cookie: organizer.cookie }).admin.checkins.$post({
      json: { code: registration.code, donated: 'whole_blood' },
    });
    expect(checkedIn.status).toBe(200);

    const stats = await statsOf(campaign.id, organizer.cookie);
    expect(stats.bloodTypes).toEqual({ B: 1, unknown: 1 });
    expect(stats.donations).toEqual({ whole_blood: 1 });
    expect(stats.attendanceRate).toBeNull();
  });

  it('is 404 to another organization and 401 without a staff session', async () => {
    const campaign = await createCampaign({ organizationId: await createOrganization() });
    const stranger = await signInStaff('organizer', await createOrganization());
    expect((await askStats(campaign.id, stranger.cookie)).status).toBe(404);
    expect((await askStats(campaign.id, (await signInCitizen()).cookie)).status).toBe(401);
  });
});
