// The nightly cron through the Worker's own scheduled handler, against real D1, with the clock
// given by the controller's scheduledTime: purges, auto no-shows and the quiz totals check.
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { InferRequestType } from 'hono/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index.ts';
import { call, createOrganization, signInCitizen, signInStaff, testClient } from './helpers.ts';
import { addRegistrations } from './fixtures.ts';
import { newPlayer, playDay, setUpSeason } from './quiz-fixtures.ts';

const HOUR = 60 * 60 * 1000;

async function runHousekeeping(scheduledTime: number) {
  const controller = { scheduledTime, cron: '0 19 * * *', noRetry() {} } as ScheduledController;
  await worker.scheduled(controller, env, createExecutionContext());
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const count = async (query: string, ...values: unknown[]) =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM (${query})`)
    .bind(...values)
    .first<{ n: number }>())!.n;

describe('purges', () => {
  it('removes expired sessions, sign-in codes older than two hours and rate-limit windows older than a day, and nothing newer', async () => {
    const now = Date.now();
    const live = await signInCitizen();
    await env.DB.batch([
      env.DB.prepare('INSERT INTO logins (token_hash, person_id, created_at, expires_at) VALUES (?, ?, ?, ?)').bind(
        'hk-expired',
        live.personId,
        now - 2 * HOUR,
        now - 1,
      ),
      env.DB.prepare(
        'INSERT INTO otp_codes (id, phone, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ).bind('hk-old-code', '13900000001', 'x', now - 2 * HOUR - 1, now - 2 * HOUR + 300_000),
      env.DB.prepare(
        'INSERT INTO otp_codes (id, phone, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ).bind('hk-new-code', '13900000002', 'x', now - HOUR, now - HOUR + 300_000),
      env.DB.prepare('INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1), (?, ?, 1)').bind(
        'hk-old',
        now - 25 * HOUR,
        'hk-new',
        now - 23 * HOUR,
      ),
    ]);
    await runHousekeeping(now);

    expect(await count("SELECT 1 FROM logins WHERE token_hash = 'hk-expired'")).toBe(0);
    expect(await count('SELECT 1 FROM logins WHERE person_id = ?', live.personId)).toBe(1);
    expect((await testClient({ cookie: live.cookie }).me.$get()).status).toBe(200);
    expect(await count("SELECT id FROM otp_codes WHERE id IN ('hk-old-code', 'hk-new-code')")).toBe(1);
    expect(await count("SELECT id FROM otp_codes WHERE id = 'hk-new-code'")).toBe(1);
    expect(await count("SELECT key FROM rate_limits WHERE key IN ('hk-old', 'hk-new')")).toBe(1);
    expect(await count("SELECT key FROM rate_limits WHERE key = 'hk-new'")).toBe(1);
  });
});

describe('auto no-shows', () => {
  const ENDS = '2099-05-10T11:00:00+08:00';
  const ended = Date.parse(ENDS);
  const campaigns = (cookie: string) => testClient({ cookie }).admin.campaigns;
  type NewCampaign = InferRequestType<ReturnType<typeof campaigns>['$post']>['json'];

  async function campaignWithSession(cookie: string, body: Partial<NewCampaign>, endsAt = ENDS) {
    const created = await campaigns(cookie).$post({
      json: {
        kind: 'cpr_training',
        title: '急救培训',
        description: '',
        startsOn: '2099-05-01',
        endsOn: '2099-05-31',
        status: 'published',
        ...body,
      },
    });
    expect(created.status).toBe(201);
    const { campaign } = await created.json();
    const session = await campaigns(cookie)[':id'].sessions.$post({
      param: { id: campaign.id },
      json: {
        startsAt: '2099-05-10T09:00:00+08:00',
        endsAt,
        venue: '培训教室',
        address: '建设路 89 号',
        slots: [{ role: '学员', capacity: 10, waitlist: true }],
      },
    });
    expect(session.status).toBe(201);
    const { session: view } = await session.json();
    await addRegistrations(view.slots[0]!.id, ['confirmed', 'confirmed', 'checked_in', 'waitlisted', 'cancelled']);
    return { campaign, sessionId: view.id, slotId: view.slots[0]!.id };
  }

  const statuses = async (slotId: string) =>
    (
      await env.DB.prepare('SELECT status FROM registrations WHERE slot_id = ? ORDER BY arrival')
        .bind(slotId)
        .all<{ status: string }>()
    ).results.map((row) => row.status);

  it('marks the confirmed sign-ups of sessions ended over two hours ago, only where the organizer chose so, once, with an audit entry', async () => {
    const organizationId = await createOrganization();
    const { cookie } = await signInStaff('organizer', organizationId);
    const chosen = await campaignWithSession(cookie, { autoNoShow: true });
    expect(chosen.campaign.autoNoShow).toBe(true);
    const notChosen = await campaignWithSession(cookie, {});
    expect(notChosen.campaign.autoNoShow).toBe(false);
    const chosenLater = await campaignWithSession(cookie, {});
    const patched = await campaigns(cookie)[':id'].$patch({
      param: { id: chosenLater.campaign.id },
      json: { autoNoShow: true },
    });
    expect((await patched.json()).campaign.autoNoShow).toBe(true);
    const endsNextDay = await campaignWithSession(cookie, { autoNoShow: true }, '2099-05-11T11:00:00+08:00');
    const refused = await call(`/api/admin/campaigns/${notChosen.campaign.id}`, {
      method: 'PATCH',
      cookie,
      body: { autoNoShow: 'yes' },
    });
    expect(refused.status).toBe(400);

    const untouched = ['confirmed', 'confirmed', 'checked_in', 'waitlisted', 'cancelled'];
    const marked = ['no_show', 'no_show', 'checked_in', 'waitlisted', 'cancelled'];
    // Late check-ins are still possible in the two hours after the end.
    await runHousekeeping(ended + 2 * HOUR - 1);
    expect(await statuses(chosen.slotId)).toEqual(untouched);

    await runHousekeeping(ended + 2 * HOUR);
    expect(await statuses(chosen.slotId)).toEqual(marked);
    expect(await statuses(chosenLater.slotId)).toEqual(marked);
    expect(await statuses(notChosen.slotId)).toEqual(untouched);
    expect(await statuses(endsNextDay.slotId)).toEqual(untouched);

    const audit = () =>
      env.DB.prepare(
        "SELECT staff_id, organization_id, target_id FROM audit_log WHERE action = 'session.auto_no_show' ORDER BY target_id",
      ).all<{ staff_id: string | null; organization_id: string; target_id: string }>();
    const expected = [chosen.sessionId, chosenLater.sessionId]
      .sort()
      .map((id) => ({ staff_id: null, organization_id: organizationId, target_id: id }));
    expect((await audit()).results).toEqual(expected);

    // A second run changes nothing and logs nothing more.
    await runHousekeeping(ended + 3 * HOUR);
    expect(await statuses(chosen.slotId)).toEqual(marked);
    expect((await audit()).results).toEqual(expected);
  });
});

describe('quiz totals check', () => {
  it('logs the seasons whose player totals drift from the sums over attempts, with counts only', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now());
    const { seasonId } = await setUpSeason();
    const player = await newPlayer('李四');
    const other = await newPlayer('王五');
    await playDay(seasonId, player.cookie, { at: Date.now(), tookMs: 20_000, right: 3 });
    await playDay(seasonId, other.cookie, { at: Date.now(), tookMs: 30_000, right: 5 });

    const logs = vi.spyOn(console, 'log');
    const warnings = vi.spyOn(console, 'warn');
    await runHousekeeping(Date.now());
    expect(warnings).not.toHaveBeenCalled();
    expect(JSON.parse(String(logs.mock.lastCall![0]))).toMatchObject({ event: 'housekeeping', quizTotalsDrift: 0 });

    await env.DB.prepare('UPDATE quiz_players SET score = score + 10 WHERE person_id = ?').bind(player.personId).run();
    await env.DB.prepare('UPDATE quiz_players SET days_played = 2 WHERE person_id = ?').bind(other.personId).run();
    await runHousekeeping(Date.now());
    expect(warnings).toHaveBeenCalledTimes(1);
    const line = String(warnings.mock.lastCall![0]);
    expect(JSON.parse(line)).toEqual({ event: 'quiz_totals_drift', seasons: [{ seasonId, players: 2 }] });
    for (const secret of [player.personId, player.phone, other.personId, other.phone, '李四'])
      expect(line).not.toContain(secret);

    // The same run put the totals and the rank moves back: the next run finds nothing, and the
    // board and `me` read as before the drift.
    const moves = async () =>
      (
        await env.DB.prepare(
          'SELECT from_score, jumps, arrivals, departures FROM quiz_moves WHERE season_id = ? ORDER BY from_score',
        )
          .bind(seasonId)
          .all()
      ).results;
    const before = await moves();
    await runHousekeeping(Date.now());
    expect(warnings).toHaveBeenCalledTimes(1);
    expect(await moves()).toEqual(before);
    const board = await (
      await testClient({ cookie: player.cookie }).quiz.seasons[':seasonId'].leaderboard.$get({
        param: { seasonId },
        query: {},
      })
    ).json();
    expect(board.items.map((item) => item.score)).toEqual([50, 30]);
    expect(board.me).toMatchObject({ rank: 2, score: 30 });
  });
});
