// Round trips to D1 per request. On Cloudflare a request's time is mostly its round trips to the
// D1 primary, so each route's count is written down in docs/round-trips.md and held here: one
// representative request per route (the app's own router lists them, so a new route fails until
// it has a probe and a row), counted through the fault tests' proxy over the binding. A route that
// needs more round trips than its row says fails, and so does a row that promises more than the
// route now takes, so that the table stays the truth about the code.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import table from '../../docs/round-trips.md?raw';
import { app } from '../../worker/app.ts';
import { faultyD1 } from './faulty-d1.ts';
import { createCampaign, startSessionNow } from './fixtures.ts';
import { call, type CallOptions, signInStaff, signUp, testClient } from './helpers.ts';
import { addToBoard, createFinal } from './quiz-final-fixtures.ts';
import { answersFor, newPlayer, startAttempt, type AttemptBody } from './quiz-fixtures.ts';
import { DONOR, quickCitizen, setUpWorld } from './world.ts';

type Fixture = Awaited<ReturnType<typeof setUp>>;

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

async function setUp() {
  const w = await setUpWorld();
  const organizer = await w.cookieFor('organizer');
  const admin = (await signInStaff('admin')).cookie;
  const quizOrganizer = w.quiz.organizer.cookie;
  // A blood drive running today, with a donor booked for the desk to check in.
  const desk = await createCampaign({
    kind: 'blood_drive',
    organizationId: w.organizationId,
    sessions: [{ startsAt: inDays(5), endsAt: inDays(5.2), slots: [{ role: '献血者', capacity: 5 }] }],
  });
  const [deskPass, noShow] = await Promise.all(
    [0, 1].map(async () => {
      const booked = await signUp((await quickCitizen()).cookie, desk.slotIds[0]!, DONOR);
      return (await booked.json()).registration;
    }),
  );
  await startSessionNow(desk.slotIds[0]!);
  // The live final of the season, its board of two.
  await addToBoard(w.quiz.seasonId, 2);
  const final = await createFinal({ seasonId: w.quiz.seasonId, organizer: w.quiz.organizer }, { top: 2 });
  const finalistToken = final.finalists[0]!.joinPath.split('/').pop()!;
  // A player whose attempt is started, to submit; and one who has not started yet.
  const player = await newPlayer();
  const started = await startAttempt(w.quiz.seasonId, player.cookie);
  const { attempt } = (await started.json()) as AttemptBody;
  const starter = await newPlayer();
  const spare = await createCampaign({
    organizationId: w.organizationId,
    sessions: [{ startsAt: inDays(10), endsAt: inDays(10.1), slots: [{ role: '学员', capacity: 10 }] }],
  });
  // A team's held seats, with its invitation code, for the routes that join or change it.
  const contact = await quickCitizen();
  const held = await testClient({ cookie: contact.cookie }).slots[':slotId'].groups.$post({
    param: { slotId: spare.slotIds[0]! },
    json: { organization: '某公司', contactName: '王经理', contactPhone: contact.phone, seats: 2 },
  });
  const { group } = await held.json();
  const nextQuiz = await createCampaign({ kind: 'quiz', organizationId: w.quiz.organizationId });
  const staffId = (
    await env.DB.prepare(`SELECT id FROM staff WHERE role = 'checkin' AND organization_id = ?`)
      .bind(w.organizationId)
      .first<{ id: string }>()
  )?.id;
  return {
    w,
    organizer,
    admin,
    quizOrganizer,
    contact,
    group,
    desk,
    deskPass: deskPass!,
    noShow: noShow!,
    nextQuiz,
    final,
    finalistToken,
    player,
    attempt,
    starter,
    spare,
    staffId,
  };
}

interface Probe {
  /** The request, its cookie made fresh where the request ends a session. */
  request: (f: Fixture) => Promise<CallOptions & { path: string }> | (CallOptions & { path: string });
  /** The answer of the path that is counted: the representative one, not a refusal. */
  status: number;
}

const admin = (path: (f: Fixture) => string, status = 200, body?: (f: Fixture) => unknown): Probe => ({
  request: (f) => ({ path: path(f), cookie: f.organizer, ...(body && { body: body(f) }) }),
  status,
});
const quizAdmin = (path: (f: Fixture) => string, status = 200, body?: (f: Fixture) => unknown): Probe => ({
  request: (f) => ({ path: path(f), cookie: f.quizOrganizer, ...(body && { body: body(f) }) }),
  status,
});
const citizen = (path: (f: Fixture) => string, status = 200, body?: (f: Fixture) => unknown): Probe => ({
  request: (f) => ({ path: path(f), cookie: f.w.citizen.cookie, ...(body && { body: body(f) }) }),
  status,
});

const PROBES: Record<string, Probe> = {
  'GET /api/health': { request: () => ({ path: '/api/health' }), status: 200 },
  'GET /api/config': { request: () => ({ path: '/api/config' }), status: 200 },
  'POST /api/auth/otp': { request: () => ({ path: '/api/auth/otp', body: { phone: '13800138000' } }), status: 202 },
  'POST /api/auth/verify': {
    async request() {
      const phone = '13900139000';
      const sent = await testClient({ address: '198.51.100.77' }).auth.otp.$post({ json: { phone } });
      const { devCode } = (await sent.json()) as { devCode: string }; // the tests' Worker hands out its dev code
      return { path: '/api/auth/verify', body: { phone, code: devCode }, address: '198.51.100.77' };
    },
    status: 200,
  },
  'POST /api/auth/logout': {
    request: async (f) => ({ path: '/api/auth/logout', cookie: await f.w.cookieFor('citizen'), method: 'POST' }),
    status: 204,
  },
  'GET /api/me': citizen(() => '/api/me'),
  'PATCH /api/me': citizen(
    () => '/api/me',
    200,
    () => ({ bloodType: 'A' }),
  ),
  'GET /api/me/registrations': citizen(() => '/api/me/registrations'),
  'GET /api/me/registrations/:id': citizen((f) => `/api/me/registrations/${f.w.registration.id}`),
  'GET /api/me/registrations/:id/calendar.ics': citizen(
    (f) => `/api/me/registrations/${f.w.registration.id}/calendar.ics`,
  ),
  'GET /api/me/donations': citizen(() => '/api/me/donations'),
  'GET /api/me/donor': citizen(() => '/api/me/donor'),
  'GET /api/me/volunteering': citizen(() => '/api/me/volunteering'),
  'GET /api/donor-cards/:token': {
    async request(f) {
      const record = await testClient({ cookie: f.w.citizen.cookie }).me.donor.$get();
      const { card } = await record.json();
      return { path: `/api/donor-cards/${card.token}` };
    },
    status: 200,
  },
  'GET /api/blood-stock': { request: () => ({ path: '/api/blood-stock' }), status: 200 },
  'GET /api/campaigns': { request: () => ({ path: '/api/campaigns' }), status: 200 },
  'GET /api/campaigns/:id': { request: (f) => ({ path: `/api/campaigns/${f.w.drive.id}` }), status: 200 },
  // The busiest route at its most: a blood drive (the donor history is read), a retry-safe key.
  'POST /api/slots/:slotId/registrations': {
    request: async (f) => ({
      path: `/api/slots/${f.w.drive.slotIds[0]}/registrations`,
      cookie: (await quickCitizen()).cookie,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: DONOR,
    }),
    status: 201,
  },
  'POST /api/slots/:slotId/groups': {
    async request(f) {
      const contact = await quickCitizen();
      return {
        path: `/api/slots/${f.spare.slotIds[0]}/groups`,
        cookie: contact.cookie,
        body: { organization: '某公司', contactName: '王经理', contactPhone: contact.phone, seats: 2 },
      };
    },
    status: 201,
  },
  'GET /api/groups/:code': { request: (f) => ({ path: `/api/groups/${f.group.code}` }), status: 200 },
  'POST /api/groups/:code/registrations': {
    request: async (f) => ({
      path: `/api/groups/${f.group.code}/registrations`,
      cookie: (await quickCitizen()).cookie,
      body: { name: '李成员' },
    }),
    status: 201,
  },
  'GET /api/me/groups': { request: (f) => ({ path: '/api/me/groups', cookie: f.contact.cookie }), status: 200 },
  'POST /api/registrations/:id/cancel': {
    async request(f) {
      const holder = await quickCitizen();
      const booked = await signUp(holder.cookie, f.spare.slotIds[0]!, { name: '张三' });
      const { registration } = await booked.json();
      return { path: `/api/registrations/${registration.id}/cancel`, method: 'POST', cookie: holder.cookie };
    },
    status: 200,
  },
  'POST /api/registrations/:id/move': {
    async request(f) {
      // From the first appointment window of a session to its second.
      const startsAt = inDays(10);
      const { slotIds } = await createCampaign({
        organizationId: f.w.organizationId,
        sessions: [{ startsAt, endsAt: inDays(10.1), windowMinutes: 60, slots: [{ role: '学员', capacity: 4 }] }],
      });
      const windows = [0, 1].map((index) => new Date(Date.parse(startsAt) + index * 3_600_000).toISOString());
      const holder = await quickCitizen();
      const booked = await signUp(holder.cookie, slotIds[0]!, { name: '张三', windowStartsAt: windows[0] });
      const { registration } = await booked.json();
      return {
        path: `/api/registrations/${registration.id}/move`,
        cookie: holder.cookie,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: { slotId: slotIds[0], windowStartsAt: windows[1] },
      };
    },
    status: 200,
  },
  'GET /api/quiz/seasons/:seasonId': citizen((f) => `/api/quiz/seasons/${f.w.quiz.seasonId}`),
  'POST /api/quiz/seasons/:seasonId/attempts': {
    request: (f) => ({
      path: `/api/quiz/seasons/${f.w.quiz.seasonId}/attempts`,
      method: 'POST',
      cookie: f.starter.cookie,
    }),
    status: 201,
  },
  'GET /api/quiz/seasons/:seasonId/attempts/today': {
    request: (f) => ({ path: `/api/quiz/seasons/${f.w.quiz.seasonId}/attempts/today`, cookie: f.player.cookie }),
    status: 200,
  },
  'PUT /api/quiz/attempts/:id/answers/:questionId': {
    request: (f) => ({
      path: `/api/quiz/attempts/${f.attempt.id}/answers/${f.attempt.questions[0]!.id}`,
      method: 'PUT',
      cookie: f.player.cookie,
      body: { optionIds: [f.attempt.questions[0]!.options[0]!.id] },
    }),
    status: 204,
  },
  'POST /api/quiz/attempts/:id/submit': {
    request: async (f) => ({
      path: `/api/quiz/attempts/${f.attempt.id}/submit`,
      cookie: f.player.cookie,
      body: { answers: await answersFor(f.w.quiz.seasonId, f.attempt, 2) },
    }),
    status: 200,
  },
  // After the submit: the player's review of the day, mistakes, practice and season.
  'GET /api/quiz/attempts/:id': {
    request: (f) => ({ path: `/api/quiz/attempts/${f.attempt.id}`, cookie: f.player.cookie }),
    status: 200,
  },
  'GET /api/quiz/seasons/:seasonId/mistakes': {
    request: (f) => ({ path: `/api/quiz/seasons/${f.w.quiz.seasonId}/mistakes`, cookie: f.player.cookie }),
    status: 200,
  },
  'GET /api/quiz/seasons/:seasonId/practice': {
    request: (f) => ({ path: `/api/quiz/seasons/${f.w.quiz.seasonId}/practice`, cookie: f.player.cookie }),
    status: 200,
  },
  'GET /api/quiz/seasons/:seasonId/me': {
    request: (f) => ({ path: `/api/quiz/seasons/${f.w.quiz.seasonId}/me`, cookie: f.player.cookie }),
    status: 200,
  },
  'GET /api/quiz/seasons/:seasonId/leaderboard': citizen((f) => `/api/quiz/seasons/${f.w.quiz.seasonId}/leaderboard`),
  // Sockets: without an upgrade the Worker answers 426 once it found the final; the object's own
  // D1 writes (results) are not the request's.
  'GET /api/quiz/finals/:id/socket': {
    request: (f) => ({ path: `/api/quiz/finals/${f.final.id}/socket` }),
    status: 426,
  },
  'GET /api/quiz/finalists/:token': {
    request: (f) => ({ path: `/api/quiz/finalists/${f.finalistToken}` }),
    status: 200,
  },
  'GET /api/quiz/finalists/:token/socket': {
    request: (f) => ({ path: `/api/quiz/finalists/${f.finalistToken}/socket` }),
    status: 426,
  },
  // A code that is not (yet) a certificate: the same one look-up.
  'GET /api/certificates/:code': { request: () => ({ path: '/api/certificates/ABCD2345' }), status: 404 },
  'POST /api/admin/auth/login': {
    request: (f) => ({
      path: '/api/admin/auth/login',
      body: { email: f.w.staff.admin.email, password: f.w.staff.admin.password },
      address: '198.51.100.78',
    }),
    status: 200,
  },
  'GET /api/admin/auth/me': admin(() => '/api/admin/auth/me'),
  'POST /api/admin/auth/password': {
    request: (f) => ({
      path: '/api/admin/auth/password',
      cookie: f.w.staff.admin.cookie,
      body: { currentPassword: f.w.staff.admin.password, newPassword: f.w.staff.admin.password },
    }),
    status: 204,
  },
  'POST /api/admin/auth/logout': {
    request: async (f) => ({ path: '/api/admin/auth/logout', method: 'POST', cookie: await f.w.cookieFor('checkin') }),
    status: 204,
  },
  'GET /api/admin/organizations': admin(() => '/api/admin/organizations'),
  'POST /api/admin/organizations': {
    request: async (f) => ({
      path: '/api/admin/organizations',
      cookie: await f.w.cookieFor('admin'),
      body: { name: `机构 ${crypto.randomUUID().slice(0, 8)}` },
    }),
    status: 201,
  },
  'PATCH /api/admin/organizations/:id': admin(
    (f) => `/api/admin/organizations/${f.w.organizationId}`,
    200,
    () => ({ reminderHour: 18 }),
  ),
  'GET /api/admin/staff': admin(() => '/api/admin/staff'),
  'POST /api/admin/staff': admin(
    () => '/api/admin/staff',
    201,
    (f) => ({
      email: `desk-${crypto.randomUUID().slice(0, 8)}@example.org`,
      password: 'a-long-password',
      role: 'checkin',
      organizationId: f.w.organizationId,
    }),
  ),
  'PATCH /api/admin/staff/:id': admin(
    (f) => `/api/admin/staff/${f.staffId}`,
    200,
    () => ({ active: true }),
  ),
  'POST /api/admin/staff/:id/password': admin(
    (f) => `/api/admin/staff/${f.staffId}/password`,
    204,
    () => ({ password: 'another-long-password' }),
  ),
  'GET /api/admin/campaigns': admin(() => '/api/admin/campaigns'),
  'GET /api/admin/campaigns/:id': admin((f) => `/api/admin/campaigns/${f.w.drive.id}`),
  'POST /api/admin/campaigns': admin(
    () => '/api/admin/campaigns',
    201,
    (f) => ({
      kind: 'outreach',
      title: '义诊',
      description: '',
      startsOn: '2099-01-01',
      endsOn: '2099-01-02',
      organizationId: f.w.organizationId,
    }),
  ),
  'PATCH /api/admin/campaigns/:id': admin(
    (f) => `/api/admin/campaigns/${f.w.drive.id}`,
    200,
    () => ({ title: '新标题' }),
  ),
  'POST /api/admin/campaigns/:id/sessions': admin(
    (f) => `/api/admin/campaigns/${f.w.drive.id}/sessions`,
    201,
    () => ({
      startsAt: inDays(20),
      endsAt: inDays(20.1),
      venue: '会场',
      address: '地址',
      slots: [{ role: '献血者', capacity: 5 }],
    }),
  ),
  'GET /api/admin/campaigns/:id/registrations': admin((f) => `/api/admin/campaigns/${f.w.cpr.id}/registrations`),
  'GET /api/admin/campaigns/:id/registrations.csv': admin(
    (f) => `/api/admin/campaigns/${f.w.cpr.id}/registrations.csv`,
  ),
  'GET /api/admin/campaigns/:id/registrations.xlsx': admin(
    (f) => `/api/admin/campaigns/${f.w.cpr.id}/registrations.xlsx`,
  ),
  'GET /api/admin/campaigns/:id/groups': admin((f) => `/api/admin/campaigns/${f.spare.id}/groups`),
  'POST /api/admin/campaigns/:id/groups': admin(
    (f) => `/api/admin/campaigns/${f.spare.id}/groups`,
    201,
    (f) => ({ slotId: f.spare.slotIds[0], organization: '某工厂', seats: 2 }),
  ),
  'PATCH /api/admin/groups/:id': admin(
    (f) => `/api/admin/groups/${f.group.id}`,
    200,
    () => ({ seats: 3 }),
  ),
  'GET /api/admin/campaigns/:id/stats': admin((f) => `/api/admin/campaigns/${f.w.cpr.id}/stats`),
  'PATCH /api/admin/sessions/:id': admin(
    (f) => `/api/admin/sessions/${f.w.cpr.sessionIds[0]}`,
    200,
    () => ({ venue: '新会场' }),
  ),
  'POST /api/admin/sessions/:id/cancel': {
    request: (f) => ({
      path: `/api/admin/sessions/${f.spare.sessionIds[0]}/cancel`,
      method: 'POST',
      cookie: f.organizer,
    }),
    status: 200,
  },
  'PATCH /api/admin/slots/:id': admin(
    (f) => `/api/admin/slots/${f.w.cpr.slotIds[0]}`,
    200,
    () => ({ capacity: 3 }),
  ),
  // The desk's scan of a confirmed pass for today's session.
  'POST /api/admin/checkins': admin(
    () => '/api/admin/checkins',
    200,
    (f) => ({ code: f.deskPass.code }),
  ),
  'GET /api/admin/checkins/search': admin(
    (f) => `/api/admin/checkins/search?campaignId=${f.desk.id}&q=${encodeURIComponent('李')}`,
  ),
  'POST /api/admin/checkins/search': admin(
    () => '/api/admin/checkins/search',
    200,
    (f) => ({ campaignId: f.desk.id, q: '李' }),
  ),
  'GET /api/admin/checkins/expected': admin((f) => `/api/admin/checkins/expected?campaignId=${f.desk.id}`),
  'PATCH /api/admin/registrations/:id': admin(
    (f) => `/api/admin/registrations/${f.noShow.id}`,
    200,
    () => ({ status: 'no_show' }),
  ),
  'POST /api/admin/registrations/:id/donation': admin(
    (f) => `/api/admin/registrations/${f.deskPass.id}/donation`,
    201,
    () => ({ kind: 'whole_blood', volumeMl: 400 }),
  ),
  'DELETE /api/admin/registrations/:id/donation': {
    request: (f) => ({
      path: `/api/admin/registrations/${f.deskPass.id}/donation`,
      method: 'DELETE',
      cookie: f.organizer,
    }),
    status: 204,
  },
  'POST /api/admin/registrations/:id/checkout': admin((f) => `/api/admin/registrations/${f.deskPass.id}/checkout`),
  'PUT /api/admin/blood-stock': {
    request: (f) => ({
      path: '/api/admin/blood-stock',
      cookie: f.admin,
      body: { levels: [{ bloodType: 'O', rhD: 'negative', level: 'critical' }] },
    }),
    status: 200,
  },
  'POST /api/admin/quiz/seasons': quizAdmin(
    () => '/api/admin/quiz/seasons',
    201,
    (f) => ({
      campaignId: f.nextQuiz.id,
      startsOn: '2099-01-01',
      endsOn: '2099-01-02',
      questionsPerDay: 2,
      timeLimitSec: 60,
    }),
  ),
  'POST /api/admin/quiz/seasons/:id/questions': quizAdmin(
    (f) => `/api/admin/quiz/seasons/${f.w.quiz.seasonId}/questions`,
    201,
    () => [{ type: 'truefalse', stem: '新题：对吗？', options: ['对', '错'], answers: [0] }],
  ),
  'GET /api/admin/quiz/seasons/:id/finalists': quizAdmin(
    (f) => `/api/admin/quiz/seasons/${f.w.quiz.seasonId}/finalists`,
  ),
  'GET /api/admin/quiz/seasons/:id/finalists.csv': quizAdmin(
    (f) => `/api/admin/quiz/seasons/${f.w.quiz.seasonId}/finalists.csv`,
  ),
  // A season has one final: the second one is refused after the same reads and the insert's check.
  'POST /api/admin/quiz/seasons/:id/finals': quizAdmin(
    (f) => `/api/admin/quiz/seasons/${f.w.quiz.seasonId}/finals`,
    409,
    () => ({ questions: [{ type: 'truefalse', stem: '对吗？', options: ['对', '错'], answers: [0] }] }),
  ),
  'GET /api/admin/quiz/seasons/:id/final': quizAdmin((f) => `/api/admin/quiz/seasons/${f.w.quiz.seasonId}/final`),
  'GET /api/admin/quiz/finals/:id': quizAdmin((f) => `/api/admin/quiz/finals/${f.final.id}`),
  'POST /api/admin/quiz/finals/:id/advance': quizAdmin(
    (f) => `/api/admin/quiz/finals/${f.final.id}/advance`,
    200,
    () => ({
      action: 'open',
    }),
  ),
  'GET /api/admin/quiz/finals/:id/host': quizAdmin((f) => `/api/admin/quiz/finals/${f.final.id}/host`, 426),
  'GET /api/admin/audit': admin(() => '/api/admin/audit'),
  'GET /api/admin/notifications': admin(() => '/api/admin/notifications'),
  'GET /api/admin/emergency-donors': {
    request: (f) => ({ path: '/api/admin/emergency-donors?bloodType=B', cookie: f.w.staff.admin.cookie }),
    status: 200,
  },
  'GET /api/admin/emergency-donors.csv': {
    request: (f) => ({ path: '/api/admin/emergency-donors.csv?bloodType=B', cookie: f.w.staff.admin.cookie }),
    status: 200,
  },
  'POST /api/admin/callouts': {
    request: (f) => ({
      path: '/api/admin/callouts',
      cookie: f.w.staff.admin.cookie,
      body: { bloodType: 'B', message: '血库告急', dryRun: true },
    }),
    status: 200,
  },
};

/** The table of docs/round-trips.md: `| \`METHOD /path\` | count | … |` rows. */
function documentedCounts() {
  const counts: Record<string, number> = {};
  for (const match of table.matchAll(/^\|\s*`([A-Z]+ \/api[^`]*)`\s*\|\s*(\d+)\s*\|/gm)) {
    counts[match[1]!] = Number(match[2]);
  }
  return counts;
}

// Within a round trip, each statement of a batch costs D1 and the Worker time of its own too: the
// busiest routes' batches are held at the sizes docs/round-trips.md gives them.
const BATCHES: Record<string, string[]> = {
  // Read: the two rate-limit counts; the person with donor history, stored answer and slot. Write: the
  // booking, its confirmation, the profile facts and the Idempotency-Key's stored answer.
  'POST /api/slots/:slotId/registrations': ['batch of 2', 'batch of 4'],
  // Read: the person with donor history, stored answer and target slot; the sign-up; the slot's seats.
  // Write: the move, the stored answer, the promotion of whoever waits (its text and its seat).
  'POST /api/registrations/:id/move': ['batch of 3', 'batch of 4'],
};

const servedRoutes = () => [
  ...new Set(app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`)),
];

describe('D1 round trips per request', () => {
  let fixture: Fixture;
  const documented = documentedCounts();
  beforeAll(async () => {
    fixture = await setUp();
  }, 30_000);

  it('has a probe and a documented count for every route the app serves, and none it lacks', () => {
    expect(Object.keys(PROBES).sort()).toEqual(servedRoutes().sort());
    expect(Object.keys(documented).sort()).toEqual(servedRoutes().sort());
  });

  // In table order: some probes use what an earlier one left (the check-in before the donation).
  for (const [route, probe] of Object.entries(PROBES)) {
    it(route, async () => {
      const { path, ...options } = await probe.request(fixture);
      const { db, steps } = faultyD1(env.DB);
      // Texts are handed to the queue after the response, in the relay's own round trips.
      // call(): a probe is a path under its router's own `METHOD /path` name, table-driven as that list is.
      const response = await call(path, {
        method: route.split(' ')[0],
        ...options,
        bindings: { DB: db, NOTIFICATIONS: undefined },
      });
      // A streamed export reads D1 while its body is sent.
      const body = await response.text();
      expect(response.status, body).toBe(probe.status);
      const seen = steps.map((step) => step.label);
      expect(steps.length, `${route} took ${steps.length} round trips:\n${seen.join('\n')}`).toBe(documented[route]);
      if (BATCHES[route]) expect(seen).toEqual(BATCHES[route]);
    });
  }
});
