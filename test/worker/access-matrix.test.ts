// Every /api/admin route against every kind of caller. A route missing from the table fails the
// suite, so a new route cannot ship without saying who may use it.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { createCampaign } from './fixtures.ts';
import { call, createOrganization, createStaffMember, signInCitizen, signInStaff } from './helpers.ts';
import { setUpSeason } from './quiz-fixtures.ts';
import { addToBoard, createFinal } from './quiz-final-fixtures.ts';

const CALLERS = ['anonymous', 'citizen', 'checkin', 'otherOrganizer', 'organizer', 'admin'] as const;
type Caller = (typeof CALLERS)[number];

/** `reached` means the guard let the caller through: any answer but 401, 403, 404 or a 5xx. */
type Expected = 401 | 403 | 404 | 'reached';

const DAY = 86_400_000;
const SESSION = {
  startsAt: new Date(Date.now() + 10 * DAY).toISOString(),
  endsAt: new Date(Date.now() + 10 * DAY + 3_600_000).toISOString(),
};
const unique = () => crypto.randomUUID().slice(0, 8);

type Fixture = Awaited<ReturnType<typeof setUp>>;

async function setUp() {
  // Organization A runs everything and is the blood centre; B is another organization.
  const quiz = await setUpSeason({ questionsPerDay: 2 });
  const a = quiz.organizationId;
  await env.DB.prepare(`UPDATE organizations SET kind = 'blood_centre' WHERE id = ?`).bind(a).run();
  const b = await createOrganization();
  const campaign = await createCampaign({
    organizationId: a,
    sessions: [{ ...SESSION, slots: [{ role: '学员', capacity: 10 }] }],
  });
  // Cancelled by whoever may; the others must not reach it before that.
  const spare = await createCampaign({
    organizationId: a,
    sessions: [{ ...SESSION, slots: [{ role: '学员', capacity: 10 }] }],
  });
  const citizen = await signInCitizen();
  const signUp = await call(`/api/slots/${campaign.slotIds[0]}/registrations`, {
    cookie: citizen.cookie,
    body: { name: '王学员' },
  });
  const { registration } = (await signUp.json()) as { registration: { id: string; code: string } };
  const held = await call(`/api/slots/${campaign.slotIds[0]}/groups`, {
    cookie: citizen.cookie,
    body: { organization: '某公司', contactName: '王经理', contactPhone: citizen.phone, seats: 2 },
  });
  const { group } = (await held.json()) as { group: { id: string } };
  const cookies: Record<Caller, string | undefined> = {
    anonymous: undefined,
    citizen: citizen.cookie,
    checkin: (await signInStaff('checkin', a)).cookie,
    otherOrganizer: (await signInStaff('organizer', b)).cookie,
    organizer: (await signInStaff('organizer', a)).cookie,
    admin: (await signInStaff('admin')).cookie,
  };
  // The account that staff routes act on: not one whose cookie the matrix signs in with.
  const deskOfA = await createStaffMember('checkin', a);
  await addToBoard(quiz.seasonId, 2);
  const final = await createFinal(quiz, { top: 2 });
  return { a, campaign, spareSessionId: spare.sessionIds[0]!, registration, group, quiz, final, cookies, deskOfA };
}

interface Probe {
  path: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  expect: Partial<Record<Caller, Expected>>;
}

// Citizens and anonymous callers are refused everywhere (401); listed here: the staff roles.
const staffOnly = (roles: Partial<Record<Caller, Expected>>) =>
  ({ anonymous: 401, citizen: 401, ...roles }) as Record<Caller, Expected>;
const organizersOfA = staffOnly({ checkin: 403, otherOrganizer: 404, organizer: 'reached', admin: 'reached' });
const everyStaffOfA = staffOnly({ checkin: 'reached', otherOrganizer: 404, organizer: 'reached', admin: 'reached' });

const MATRIX: Record<string, Probe> = {
  'GET /api/admin/auth/me': {
    path: () => '/api/admin/auth/me',
    expect: staffOnly({ checkin: 'reached', otherOrganizer: 'reached', organizer: 'reached', admin: 'reached' }),
  },
  'POST /api/admin/organizations': {
    path: () => '/api/admin/organizations',
    body: () => ({ name: `机构 ${unique()}` }),
    expect: staffOnly({ checkin: 403, otherOrganizer: 403, organizer: 403, admin: 'reached' }),
  },
  'GET /api/admin/organizations': {
    path: () => '/api/admin/organizations',
    expect: staffOnly({ checkin: 'reached', otherOrganizer: 'reached', organizer: 'reached', admin: 'reached' }),
  },
  'GET /api/admin/staff': {
    path: () => '/api/admin/staff',
    expect: staffOnly({ checkin: 403, otherOrganizer: 'reached', organizer: 'reached', admin: 'reached' }),
  },
  'PATCH /api/admin/staff/:id': {
    path: (f) => `/api/admin/staff/${f.deskOfA.id}`,
    body: () => ({ active: true }),
    expect: organizersOfA,
  },
  'POST /api/admin/staff/:id/password': {
    path: (f) => `/api/admin/staff/${f.deskOfA.id}/password`,
    body: () => ({ password: 'another-long-password' }),
    expect: organizersOfA,
  },
  'POST /api/admin/auth/password': {
    path: () => '/api/admin/auth/password',
    body: () => ({ currentPassword: 'not the password', newPassword: 'another-long-password' }),
    expect: staffOnly({ checkin: 'reached', otherOrganizer: 'reached', organizer: 'reached', admin: 'reached' }),
  },
  'GET /api/admin/checkins/search': {
    path: (f) => `/api/admin/checkins/search?campaignId=${f.campaign.id}&q=${encodeURIComponent('王')}`,
    expect: everyStaffOfA,
  },
  'POST /api/admin/checkins/search': {
    path: () => '/api/admin/checkins/search',
    body: (f) => ({ campaignId: f.campaign.id, q: '王' }),
    expect: everyStaffOfA,
  },
  'GET /api/admin/checkins/expected': {
    path: (f) => `/api/admin/checkins/expected?campaignId=${f.campaign.id}`,
    expect: everyStaffOfA,
  },
  'POST /api/admin/registrations/:id/donation': {
    path: (f) => `/api/admin/registrations/${f.registration.id}/donation`,
    body: () => ({ kind: 'whole_blood', volumeMl: 400 }),
    expect: everyStaffOfA,
  },
  'POST /api/admin/registrations/:id/checkout': {
    path: (f) => `/api/admin/registrations/${f.registration.id}/checkout`,
    expect: everyStaffOfA,
  },
  'DELETE /api/admin/registrations/:id/donation': {
    path: (f) => `/api/admin/registrations/${f.registration.id}/donation`,
    expect: everyStaffOfA,
  },
  'POST /api/admin/staff': {
    path: () => '/api/admin/staff',
    body: (f) => ({
      email: `desk-${unique()}@example.org`,
      password: 'a-long-password',
      role: 'checkin',
      organizationId: f.a,
    }),
    expect: staffOnly({ checkin: 403, otherOrganizer: 403, organizer: 'reached', admin: 'reached' }),
  },
  'GET /api/admin/campaigns': {
    path: () => '/api/admin/campaigns',
    expect: staffOnly({ checkin: 'reached', otherOrganizer: 'reached', organizer: 'reached', admin: 'reached' }),
  },
  'GET /api/admin/campaigns/:id': { path: (f) => `/api/admin/campaigns/${f.campaign.id}`, expect: everyStaffOfA },
  'POST /api/admin/campaigns': {
    path: () => '/api/admin/campaigns',
    body: (f) => ({
      kind: 'outreach',
      title: '义诊',
      description: '',
      startsOn: '2099-01-01',
      endsOn: '2099-01-02',
      organizationId: f.a,
    }),
    expect: staffOnly({ checkin: 403, otherOrganizer: 403, organizer: 'reached', admin: 'reached' }),
  },
  'PATCH /api/admin/campaigns/:id': {
    path: (f) => `/api/admin/campaigns/${f.campaign.id}`,
    body: () => ({ title: '新标题' }),
    expect: organizersOfA,
  },
  'POST /api/admin/campaigns/:id/sessions': {
    path: (f) => `/api/admin/campaigns/${f.campaign.id}/sessions`,
    body: () => ({ ...SESSION, venue: '会场', address: '地址', slots: [{ role: '学员', capacity: 5 }] }),
    expect: organizersOfA,
  },
  'GET /api/admin/campaigns/:id/registrations': {
    path: (f) => `/api/admin/campaigns/${f.campaign.id}/registrations`,
    expect: organizersOfA,
  },
  'GET /api/admin/campaigns/:id/registrations.csv': {
    path: (f) => `/api/admin/campaigns/${f.campaign.id}/registrations.csv`,
    expect: organizersOfA,
  },
  'GET /api/admin/campaigns/:id/registrations.xlsx': {
    path: (f) => `/api/admin/campaigns/${f.campaign.id}/registrations.xlsx`,
    expect: organizersOfA,
  },
  'GET /api/admin/campaigns/:id/stats': {
    path: (f) => `/api/admin/campaigns/${f.campaign.id}/stats`,
    expect: everyStaffOfA,
  },
  'GET /api/admin/campaigns/:id/groups': {
    path: (f) => `/api/admin/campaigns/${f.campaign.id}/groups`,
    expect: organizersOfA,
  },
  'POST /api/admin/campaigns/:id/groups': {
    path: (f) => `/api/admin/campaigns/${f.campaign.id}/groups`,
    body: (f) => ({ slotId: f.campaign.slotIds[0], organization: `某工厂 ${unique()}`, seats: 1 }),
    expect: organizersOfA,
  },
  'PATCH /api/admin/groups/:id': {
    path: (f) => `/api/admin/groups/${f.group.id}`,
    body: () => ({ seats: 3 }),
    expect: organizersOfA,
  },
  'PATCH /api/admin/slots/:id': {
    path: (f) => `/api/admin/slots/${f.campaign.slotIds[0]}`,
    body: () => ({ capacity: 20 }),
    expect: organizersOfA,
  },
  'POST /api/admin/checkins': {
    path: () => '/api/admin/checkins',
    body: (f) => ({ code: f.registration.code }),
    expect: everyStaffOfA,
  },
  'PATCH /api/admin/registrations/:id': {
    path: (f) => `/api/admin/registrations/${f.registration.id}`,
    body: () => ({ status: 'confirmed' }),
    expect: organizersOfA,
  },
  'POST /api/admin/quiz/seasons': {
    path: () => '/api/admin/quiz/seasons',
    body: (f) => ({
      campaignId: f.quiz.campaignId,
      startsOn: '2099-01-01',
      endsOn: '2099-01-02',
      questionsPerDay: 2,
      timeLimitSec: 60,
    }),
    expect: organizersOfA,
  },
  'POST /api/admin/quiz/seasons/:id/questions': {
    path: (f) => `/api/admin/quiz/seasons/${f.quiz.seasonId}/questions`,
    body: () => [{ type: 'truefalse', stem: `题 ${unique()}`, options: ['对', '错'], answers: [0] }],
    expect: organizersOfA,
  },
  'GET /api/admin/quiz/seasons/:id/finalists': {
    path: (f) => `/api/admin/quiz/seasons/${f.quiz.seasonId}/finalists`,
    expect: organizersOfA,
  },
  'GET /api/admin/quiz/seasons/:id/finalists.csv': {
    path: (f) => `/api/admin/quiz/seasons/${f.quiz.seasonId}/finalists.csv`,
    expect: organizersOfA,
  },
  'POST /api/admin/quiz/seasons/:id/finals': {
    path: (f) => `/api/admin/quiz/seasons/${f.quiz.seasonId}/finals`,
    body: () => ({ questions: [{ type: 'truefalse', stem: '对吗？', options: ['对', '错'], answers: [0] }] }),
    expect: organizersOfA,
  },
  'GET /api/admin/quiz/seasons/:id/final': {
    path: (f) => `/api/admin/quiz/seasons/${f.quiz.seasonId}/final`,
    expect: organizersOfA,
  },
  'GET /api/admin/quiz/finals/:id': { path: (f) => `/api/admin/quiz/finals/${f.final.id}`, expect: organizersOfA },
  'POST /api/admin/quiz/finals/:id/advance': {
    path: (f) => `/api/admin/quiz/finals/${f.final.id}/advance`,
    body: () => ({ action: 'reveal' }),
    expect: organizersOfA,
  },
  // The host screen's socket (without an upgrade header a caller let through gets 426).
  'GET /api/admin/quiz/finals/:id/host': {
    path: (f) => `/api/admin/quiz/finals/${f.final.id}/host`,
    expect: organizersOfA,
  },
  'PATCH /api/admin/organizations/:id': {
    path: (f) => `/api/admin/organizations/${f.a}`,
    body: () => ({ reminderHour: 18 }),
    expect: organizersOfA,
  },
  'PATCH /api/admin/sessions/:id': {
    path: (f) => `/api/admin/sessions/${f.campaign.sessionIds[0]}`,
    body: () => ({ venue: '新会场' }),
    expect: organizersOfA,
  },
  'POST /api/admin/sessions/:id/cancel': {
    path: (f) => `/api/admin/sessions/${f.spareSessionId}/cancel`,
    expect: organizersOfA,
  },
  'GET /api/admin/notifications': {
    path: () => '/api/admin/notifications',
    expect: staffOnly({ checkin: 403, otherOrganizer: 'reached', organizer: 'reached', admin: 'reached' }),
  },
  'POST /api/admin/callouts': {
    path: () => '/api/admin/callouts',
    body: () => ({ bloodType: 'B', message: '血库告急', dryRun: true }),
    expect: staffOnly({ checkin: 403, otherOrganizer: 403, organizer: 'reached', admin: 'reached' }),
  },
  'GET /api/admin/audit': {
    path: () => '/api/admin/audit',
    expect: staffOnly({ checkin: 403, otherOrganizer: 'reached', organizer: 'reached', admin: 'reached' }),
  },
  // The donor list is the whole city's: admins and the blood centre's organizers (A) only.
  'GET /api/admin/emergency-donors': {
    path: () => '/api/admin/emergency-donors?bloodType=B',
    expect: staffOnly({ checkin: 403, otherOrganizer: 403, organizer: 'reached', admin: 'reached' }),
  },
  // The blood stock is set by the blood centre (A) and admins only.
  'PUT /api/admin/blood-stock': {
    path: () => '/api/admin/blood-stock',
    body: () => ({ levels: [{ bloodType: 'AB', rhD: 'negative', level: 'normal' }] }),
    expect: staffOnly({ checkin: 403, otherOrganizer: 403, organizer: 'reached', admin: 'reached' }),
  },
  'GET /api/admin/emergency-donors.csv': {
    path: () => '/api/admin/emergency-donors.csv?bloodType=B',
    expect: staffOnly({ checkin: 403, otherOrganizer: 403, organizer: 'reached', admin: 'reached' }),
  },
};

// Signing in and out need no session by their nature.
const PUBLIC = new Set(['POST /api/admin/auth/login', 'POST /api/admin/auth/logout']);

const adminRoutes = () => [
  ...new Set(
    app.routes
      .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/admin'))
      .map((route) => `${route.method} ${route.path}`),
  ),
];

describe('access to every /api/admin route', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await setUp();
  });

  it('has an entry for every admin route the app serves, and none it lacks', () => {
    const served = adminRoutes()
      .filter((route) => !PUBLIC.has(route))
      .sort();
    expect(served).toEqual(Object.keys(MATRIX).sort());
  });

  for (const [route, probe] of Object.entries(MATRIX)) {
    it(route, async () => {
      const method = route.split(' ')[0]!;
      const seen: Partial<Record<Caller, number>> = {};
      for (const caller of CALLERS) {
        const response = await call(probe.path(fixture), {
          method,
          cookie: fixture.cookies[caller],
          ...(probe.body && { body: probe.body(fixture) }),
        });
        await response.arrayBuffer();
        seen[caller] = response.status;
      }
      const verdict = Object.fromEntries(
        CALLERS.map((caller) => {
          const status = seen[caller]!;
          const reached = status < 500 && ![401, 403, 404].includes(status);
          return [caller, reached ? 'reached' : status];
        }),
      );
      expect(verdict, JSON.stringify(seen)).toEqual(
        Object.fromEntries(CALLERS.map((caller) => [caller, probe.expect[caller]])),
      );
    });
  }
});
