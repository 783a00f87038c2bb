import { describe, expect, it } from 'vitest';
import { call, errorOf, testClient } from './helpers.ts';
import { addRegistrations, createCampaign } from './fixtures.ts';

const { campaigns } = testClient();
const campaignById = (id: string) => campaigns[':id'].$get({ param: { id } });

describe('GET /api/campaigns', () => {
  it('lists published campaigns that have not ended, of every kind, soonest first', async () => {
    const later = await createCampaign({ kind: 'blood_drive', startsOn: '2099-03-01', endsOn: '2099-03-02' });
    const sooner = await createCampaign({ kind: 'quiz', startsOn: '2099-02-01', endsOn: '2099-02-28' });
    const draft = await createCampaign({ status: 'draft' });
    const closed = await createCampaign({ status: 'closed' });
    const ended = await createCampaign({ startsOn: '2020-01-01', endsOn: '2020-01-02' });

    const response = await campaigns.$get({ query: {} });
    expect(response.status).toBe(200);
    const { items } = await response.json();
    const ids = items.map((item) => item.id);
    expect(ids).toContain(later.id);
    expect(ids).toContain(sooner.id);
    expect(ids.indexOf(sooner.id)).toBeLessThan(ids.indexOf(later.id));
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(closed.id);
    expect(ids).not.toContain(ended.id);
    const item = items.find((candidate) => candidate.id === later.id)!;
    expect(item).toMatchObject({
      kind: 'blood_drive',
      startsOn: '2099-03-01',
      endsOn: '2099-03-02',
      organization: { id: later.organizationId },
    });
    expect(typeof item.organization.name).toBe('string');
  });

  it('gives each campaign its next session and the seats left in sessions not yet started', async () => {
    const campaign = await createCampaign({
      kind: 'blood_drive',
      sessions: [
        {
          startsAt: '2099-01-10T09:00:00+08:00',
          endsAt: '2099-01-10T16:00:00+08:00',
          slots: [
            { role: '献血者', capacity: 3, waitlist: true },
            { role: '志愿者', capacity: 2 },
          ],
        },
        {
          startsAt: '2099-01-03T09:00:00+08:00',
          endsAt: '2099-01-03T12:00:00+08:00',
          slots: [{ role: '献血者', capacity: 5 }],
        },
        // Started already: neither the next session nor its seats count.
        {
          startsAt: '2020-01-03T09:00:00+08:00',
          endsAt: '2020-01-03T12:00:00+08:00',
          slots: [{ role: '献血者', capacity: 100 }],
        },
      ],
    });
    const [donors, volunteers] = campaign.slotIds;
    // Over capacity (an organizer lowered it): counts as 0 left, not −1.
    await addRegistrations(donors!, ['confirmed', 'checked_in', 'confirmed', 'confirmed', 'waitlisted', 'cancelled']);
    await addRegistrations(volunteers!, ['confirmed', 'no_show', 'cancelled']);
    const full = await createCampaign({
      sessions: [
        {
          startsAt: '2099-01-05T09:00:00+08:00',
          endsAt: '2099-01-05T10:00:00+08:00',
          slots: [{ role: '学员', capacity: 1 }],
        },
      ],
    });
    await addRegistrations(full.slotIds[0]!, ['confirmed']);
    const none = await createCampaign({ kind: 'quiz' });

    const { items } = await (await campaigns.$get({ query: {} })).json();
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get(campaign.id)).toMatchObject({
      nextSession: { startsAt: '2099-01-03T09:00:00+08:00', endsAt: '2099-01-03T12:00:00+08:00', venue: '会场' },
      upcomingSessions: 2,
      remaining: 5 + 0 + 1,
      waitlist: true,
    });
    expect(byId.get(full.id)).toMatchObject({ upcomingSessions: 1, remaining: 0, waitlist: false });
    expect(byId.get(none.id)).toMatchObject({ nextSession: null, upcomingSessions: 0, remaining: 0, waitlist: false });
  });

  it('filters by kind', async () => {
    const cpr = await createCampaign({ kind: 'cpr_training' });
    const outreach = await createCampaign({ kind: 'outreach' });
    const { items } = await (await campaigns.$get({ query: { kind: 'outreach' } })).json();
    expect(items.every((item) => item.kind === 'outreach')).toBe(true);
    expect(items.map((item) => item.id)).toContain(outreach.id);
    expect(items.map((item) => item.id)).not.toContain(cpr.id);
  });

  it('answers an unknown kind with 400 naming the field', async () => {
    const response = await call('/api/campaigns?kind=party', { headers: { 'accept-language': 'en' } });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({
      code: 'validation_failed',
      message: 'Some fields are not valid. Please check them and try again.',
      issues: [{ path: 'kind', message: 'Please choose one of the allowed values.' }],
    });
  });
});

describe('GET /api/campaigns/:id', () => {
  it('shows sessions in time order with slots, seats taken and remaining', async () => {
    const campaign = await createCampaign({
      kind: 'blood_drive',
      sessions: [
        {
          startsAt: '2099-01-10T09:00:00+08:00',
          endsAt: '2099-01-10T16:00:00+08:00',
          slots: [
            { role: '献血者', capacity: 3, waitlist: true },
            { role: '志愿者', capacity: 2 },
          ],
        },
        {
          startsAt: '2099-01-03T09:00:00+08:00',
          endsAt: '2099-01-03T12:00:00+08:00',
          slots: [{ role: '献血者', capacity: 5 }],
        },
      ],
    });
    const [donors, volunteers] = campaign.slotIds;
    await addRegistrations(donors!, ['confirmed', 'checked_in', 'confirmed', 'waitlisted', 'cancelled']);
    await addRegistrations(volunteers!, ['confirmed', 'no_show', 'cancelled']);

    const response = await campaignById(campaign.id);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.campaign).toMatchObject({ id: campaign.id, kind: 'blood_drive', questions: [] });
    const [first, second] = body.campaign.sessions;
    expect(first).toMatchObject({
      id: campaign.sessionIds[1],
      startsAt: '2099-01-03T09:00:00+08:00',
      endsAt: '2099-01-03T12:00:00+08:00',
    });
    expect(first!.slots).toEqual([
      expect.objectContaining({ role: '献血者', capacity: 5, taken: 0, remaining: 5, waitlist: false }),
    ]);
    expect(second!.startsAt).toBe('2099-01-10T09:00:00+08:00');
    expect(second!.slots).toEqual([
      expect.objectContaining({
        id: donors,
        role: '献血者',
        capacity: 3,
        taken: 3,
        remaining: 0,
        waitlist: true,
        waiting: 1,
      }),
      expect.objectContaining({
        id: volunteers,
        role: '志愿者',
        capacity: 2,
        taken: 1,
        remaining: 1,
        waitlist: false,
        waiting: 0,
      }),
    ]);
  });

  it('shows a campaign without sessions', async () => {
    const quiz = await createCampaign({ kind: 'quiz' });
    const body = await (await campaignById(quiz.id)).json();
    expect(body.campaign.sessions).toEqual([]);
  });

  it('answers 404 for drafts, closed and unknown campaigns', async () => {
    const draft = await createCampaign({ status: 'draft' });
    for (const id of [draft.id, 'does-not-exist', 'x'.repeat(65)]) {
      const response = await campaignById(id);
      expect([404, 400]).toContain(response.status);
      expect((await errorOf(response)).code).toMatch(/not_found|validation_failed/);
    }
    expect((await campaignById(draft.id)).status).toBe(404);
  });
});
