// Which reads may come from a D1 read replica (withSession('first-unconstrained')) and which stay
// on the primary so a person reads their own writes. Locally there is only the primary, so this
// checks the choice each route makes, by watching the binding (the calls still go through).
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signInCitizen, testClient } from './helpers.ts';
import { createCampaign } from './fixtures.ts';
import { newPlayer, setUpSeason } from './quiz-fixtures.ts';

afterEach(() => vi.restoreAllMocks());

describe('read replicas', () => {
  it('serve the public campaign list and page', async () => {
    const campaign = await createCampaign({
      sessions: [
        {
          startsAt: '2099-01-10T09:00:00+08:00',
          endsAt: '2099-01-10T11:00:00+08:00',
          slots: [{ role: '学员', capacity: 5 }],
        },
      ],
    });
    const replicas = vi.spyOn(env.DB, 'withSession');
    expect((await testClient().campaigns.$get({ query: {} })).status).toBe(200);
    expect((await testClient().campaigns[':id'].$get({ param: { id: campaign.id } })).status).toBe(200);
    expect(replicas.mock.calls).toEqual([['first-unconstrained'], ['first-unconstrained']]);
  });

  it("serve an anonymous leaderboard, not a signed-in player's (their rank must include their own submit)", async () => {
    const { seasonId } = await setUpSeason();
    const player = await newPlayer();
    const replicas = vi.spyOn(env.DB, 'withSession');
    const leaderboard = (cookie?: string) =>
      testClient({ ...(cookie && { cookie }) }).quiz.seasons[':seasonId'].leaderboard.$get({
        param: { seasonId },
        query: {},
      });
    expect((await leaderboard()).status).toBe(200);
    expect(replicas).toHaveBeenCalledTimes(1);
    expect((await leaderboard(player.cookie)).status).toBe(200);
    expect(replicas).toHaveBeenCalledTimes(1);
  });

  it("never serve a person's own sign-ups", async () => {
    const citizen = await signInCitizen();
    const replicas = vi.spyOn(env.DB, 'withSession');
    expect((await testClient({ cookie: citizen.cookie }).me.registrations.$get()).status).toBe(200);
    expect(replicas).not.toHaveBeenCalled();
  });
});
