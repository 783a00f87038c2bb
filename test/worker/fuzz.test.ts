// Property-based fuzzing of every route: hostile bodies, queries, path parameters and headers,
// sent as each kind of user. Whatever arrives, the API answers below 500, in its JSON error
// shape, and the data's invariants still hold afterwards. The routes come from the app itself,
// so a new route is fuzzed without being listed; the table below only adds realistic ids and
// a valid body to mutate from.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app.ts';
import { addRegistrations, createCampaign } from './fixtures.ts';
import { BASE, call, errorOf, type CallOptions } from './helpers.ts';
import {
  hostileBody,
  hostileCsv,
  hostileHeaders,
  hostileQuery,
  hostileSegment,
  type HostileBody,
  type HostileHeaders,
} from './hostile.ts';
import { invariantViolations } from './invariants.ts';
import { CPR_ANSWERS, DONOR, IDENTITIES, quickCitizen, setUpWorld, type Identity, type World } from './world.ts';

// One seed per run (vitest.config.ts: fixed in CI, new each local run), printed with any failure.
const SEED = Number(env.FUZZ_SEED);
/** Runs a property; a failure also says how to replay the whole run. */
const assertReplayable = <T>(property: fc.IAsyncProperty<T>, parameters: fc.Parameters<T>) =>
  fc.assert(property, parameters).catch((error: Error) => {
    error.message += `\nReplay this run: FUZZ_SEED=${SEED} npx vitest run test/worker/fuzz.test.ts`;
    throw error;
  });
/** Each route its own seed, derived from the run's, so that routes do not all draw alike. */
const seedFor = (route: string) => [...route].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) | 0, SEED);
// Requests per route, each as a drawn kind of user: 30 in `npm test` (some 3,500 in all); `npm run fuzz` 300.
const RUNS_PER_ROUTE = Number(env.FUZZ_RUNS) || 30;
const JSON_LIMIT = 64 * 1024;

interface Example {
  params?: Record<string, string>;
  body?: unknown;
}

interface RouteFuzz {
  /** Valid requests to start from: realistic path ids and a body the route accepts. */
  examples?: (w: World) => Example[];
  queryKeys?: string[];
  bodyLimit?: number;
  /** The route takes CSV files as well as JSON. */
  csv?: boolean;
}

const ROUTES: Record<string, RouteFuzz> = {
  'POST /api/auth/otp': {
    examples: () => [{ body: { phone: '13800138000' } }, { body: { phone: '+86 139 0000 0001' } }],
  },
  'POST /api/auth/verify': { examples: (w) => [{ body: { phone: w.citizen.phone, code: '123456' } }] },
  'PATCH /api/me': {
    examples: () => [
      {
        body: {
          name: '张三',
          gender: 'male',
          birthDate: '1990-03-07',
          bloodType: 'A',
          district: '东昌府区',
          emergencyDonor: true,
        },
      },
      { body: { emergencyDonor: false, bloodType: null } },
    ],
  },
  'GET /api/campaigns': { queryKeys: ['kind'] },
  'GET /api/campaigns/:id': { examples: (w) => [{ params: { id: w.cpr.id } }, { params: { id: w.draft.id } }] },
  'POST /api/slots/:slotId/registrations': {
    examples: (w) => [
      { params: { slotId: w.cpr.slotIds[0]! }, body: { name: '张三', answers: CPR_ANSWERS } },
      { params: { slotId: w.cpr.slotIds[1]! }, body: { name: '张三', answers: { shirt: 'S' } } },
      { params: { slotId: w.drive.slotIds[0]! }, body: { ...DONOR, donationKind: 'whole_blood' } },
    ],
  },
  'POST /api/slots/:slotId/groups': {
    examples: (w) => [
      {
        params: { slotId: w.cpr.slotIds[0]! },
        body: { organization: '某公司', contactName: '王经理', contactPhone: w.citizen.phone, seats: 2 },
      },
    ],
  },
  'GET /api/groups/:code': { examples: (w) => [{ params: { code: w.team.code } }] },
  'POST /api/groups/:code/registrations': {
    examples: (w) => [{ params: { code: w.team.code }, body: { name: '张三' } }],
  },
  'PATCH /api/admin/groups/:id': {
    examples: (w) => [
      { params: { id: w.team.id }, body: { seats: 4 } },
      { params: { id: w.team.id }, body: {} },
    ],
  },
  'GET /api/admin/campaigns/:id/groups': { examples: (w) => [{ params: { id: w.cpr.id } }] },
  'POST /api/admin/campaigns/:id/groups': {
    examples: (w) => [
      { params: { id: w.cpr.id }, body: { slotId: w.cpr.slotIds[0]!, organization: '某工厂', seats: 2 } },
    ],
  },
  'POST /api/registrations/:id/cancel': { examples: (w) => [{ params: { id: w.registration.id } }] },
  'GET /api/quiz/seasons/:seasonId': { examples: (w) => [{ params: { seasonId: w.quiz.seasonId } }] },
  'POST /api/quiz/seasons/:seasonId/attempts': { examples: (w) => [{ params: { seasonId: w.quiz.seasonId } }] },
  'POST /api/quiz/attempts/:id/submit': {
    examples: (w) => [
      {
        params: { id: w.attempt.id },
        body: {
          answers: w.attempt.questions.map((question) => ({
            questionId: question.id,
            optionIds: [question.options[0]!.id],
          })),
        },
      },
    ],
  },
  'PUT /api/quiz/attempts/:id/answers/:questionId': {
    examples: (w) => [
      {
        params: { id: w.attempt.id, questionId: w.attempt.questions[0]!.id },
        body: { optionIds: [w.attempt.questions[0]!.options[0]!.id] },
      },
    ],
  },
  'GET /api/quiz/seasons/:seasonId/attempts/today': { examples: (w) => [{ params: { seasonId: w.quiz.seasonId } }] },
  'GET /api/quiz/attempts/:id': { examples: (w) => [{ params: { id: w.attempt.id } }] },
  'GET /api/quiz/seasons/:seasonId/mistakes': { examples: (w) => [{ params: { seasonId: w.quiz.seasonId } }] },
  'GET /api/quiz/seasons/:seasonId/practice': {
    examples: (w) => [{ params: { seasonId: w.quiz.seasonId } }],
    queryKeys: ['count'],
  },
  'GET /api/quiz/seasons/:seasonId/me': { examples: (w) => [{ params: { seasonId: w.quiz.seasonId } }] },
  'GET /api/quiz/seasons/:seasonId/leaderboard': {
    examples: (w) => [{ params: { seasonId: w.quiz.seasonId } }],
    queryKeys: ['day', 'district', 'limit'],
  },
  'POST /api/admin/auth/login': {
    examples: (w) => [{ body: { email: w.staff.organizer.email, password: 'wrong password' } }],
  },
  'POST /api/admin/organizations': { examples: () => [{ body: { name: '新机构', kind: 'hospital' } }] },
  'POST /api/admin/staff': {
    examples: (w) => [
      {
        body: {
          email: 'new@example.org',
          password: 'long enough password',
          role: 'checkin',
          organizationId: w.organizationId,
        },
      },
    ],
  },
  'GET /api/admin/campaigns': { queryKeys: ['status', 'kind'] },
  'GET /api/admin/campaigns/:id': {
    examples: (w) => [{ params: { id: w.drive.id } }, { params: { id: w.foreign.id } }],
  },
  'POST /api/admin/campaigns': {
    examples: (w) => [
      {
        body: {
          kind: 'outreach',
          title: '社区义诊',
          description: '说明',
          startsOn: '2099-02-01',
          endsOn: '2099-02-02',
          organizationId: w.organizationId,
          eligibility: { minAge: 18, maxAge: 60 },
          questions: [{ key: 'size', label: '尺码', type: 'choice', options: ['S', 'M'] }],
          status: 'draft',
        },
      },
    ],
  },
  'PATCH /api/admin/campaigns/:id': {
    examples: (w) => [
      {
        params: { id: w.draft.id },
        body: {
          title: '改名',
          summary: '',
          startsOn: '2099-01-01',
          endsOn: '2099-01-31',
          eligibility: null,
          questions: [],
        },
      },
    ],
  },
  'POST /api/admin/campaigns/:id/sessions': {
    examples: (w) => [
      {
        params: { id: w.draft.id },
        body: {
          startsAt: '2099-01-05T09:00:00+08:00',
          endsAt: '2099-01-05T12:00:00+08:00',
          venue: '会场',
          address: '地址',
          slots: [{ role: '志愿者', capacity: 3, waitlist: true }],
        },
      },
    ],
  },
  'PATCH /api/admin/sessions/:id': {
    examples: (w) => [
      { params: { id: w.cpr.sessionIds[0]! }, body: { venue: '新会场', startsAt: '2099-01-05T09:00:00+08:00' } },
    ],
  },
  'POST /api/admin/sessions/:id/cancel': { examples: (w) => [{ params: { id: w.draft.sessionIds[0]! } }] },
  'PATCH /api/admin/organizations/:id': {
    examples: (w) => [{ params: { id: w.organizationId }, body: { reminderHour: 18 } }],
  },
  'POST /api/admin/callouts': {
    examples: () => [{ body: { bloodType: 'O', district: '东昌府区', message: '急需O型血', dryRun: true } }],
  },
  'PATCH /api/admin/slots/:id': {
    examples: (w) => [{ params: { id: w.cpr.slotIds[0]! }, body: { capacity: 3, waitlist: true } }],
  },
  'POST /api/admin/checkins': {
    examples: (w) => [
      { body: { code: w.registration.code } },
      { body: { code: w.registration.code, donated: 'whole_blood' } },
    ],
  },
  'PATCH /api/admin/registrations/:id': {
    examples: (w) => [{ params: { id: w.registration.id }, body: { status: 'confirmed' } }],
  },
  'POST /api/admin/quiz/seasons': {
    examples: (w) => [
      {
        body: {
          campaignId: w.quiz.campaignId,
          startsOn: '2099-01-01',
          endsOn: '2099-01-02',
          questionsPerDay: 5,
          timeLimitSec: 60,
        },
      },
    ],
  },
  'POST /api/admin/quiz/seasons/:id/questions': {
    examples: (w) => [
      {
        params: { id: w.quiz.seasonId },
        body: [
          { type: 'single', stem: '新题', options: ['对', '错'], answers: [0], explanation: '', category: '急救' },
        ],
      },
    ],
    bodyLimit: 2 * 1024 * 1024,
    csv: true,
  },
  'GET /api/admin/quiz/seasons/:id/finalists': {
    examples: (w) => [{ params: { id: w.quiz.seasonId } }],
    queryKeys: ['top'],
  },
  'GET /api/admin/quiz/seasons/:id/finalists.csv': {
    examples: (w) => [{ params: { id: w.quiz.seasonId } }],
    queryKeys: ['top'],
  },
};

/** Every route the app serves, as `METHOD /path`, from the app's own router. */
function appRoutes() {
  const seen = new Set<string>();
  for (const route of app.routes) {
    if (route.method !== 'ALL') seen.add(`${route.method} ${route.path}`);
  }
  return [...seen];
}

/** Ids of every kind, for path parameters the table does not name: the wrong kind of id is hostile too. */
const anyIds = (w: World) => [
  w.cpr.id,
  w.drive.id,
  w.foreign.id,
  ...w.cpr.slotIds,
  ...w.foreign.slotIds,
  ...w.drive.sessionIds,
  w.registration.id,
  w.attempt.id,
  w.quiz.seasonId,
  w.organizationId,
  w.citizen.personId,
];

interface FuzzRequest {
  identity: Identity;
  method: string;
  path: string;
  query: string;
  body?: HostileBody;
  headers: HostileHeaders;
}

/** Query parameters some route reads: every route gets them, so a new route's are fuzzed too. */
const QUERY_KEYS = [
  'kind',
  'status',
  'day',
  'district',
  'limit',
  'top',
  'cursor',
  'sessionId',
  'bloodType',
  'action',
  'organizationId',
  'q',
];

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function requests(w: World, route: string): fc.Arbitrary<FuzzRequest> {
  const [method, pattern] = route.split(' ') as [string, string];
  const spec = ROUTES[route] ?? {};
  const examples = spec.examples?.(w) ?? [{}];
  const names = [...pattern.matchAll(/:(\w+)/g)].map((match) => match[1]!);
  const segment = (example: string | undefined) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(example ?? anyIds(w)[0]!) },
      { weight: 2, arbitrary: fc.constantFrom(...anyIds(w)) },
      { weight: 2, arbitrary: hostileSegment },
    );
  return fc
    .constantFrom(...examples)
    .chain((example) =>
      fc.record({
        identity: fc.constantFrom(...IDENTITIES),
        method: fc.oneof(
          { weight: 12, arbitrary: fc.constant(method) },
          { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) },
        ),
        path: fc
          .tuple(...names.map((name) => segment(example.params?.[name])))
          .map((values) => names.reduce((path, name, index) => path.replace(`:${name}`, values[index]!), pattern)),
        query: hostileQuery([...(spec.queryKeys ?? []), ...QUERY_KEYS]),
        body: spec.csv
          ? fc.oneof(hostileBody(example.body, spec.bodyLimit ?? JSON_LIMIT), hostileCsv)
          : hostileBody(example.body, spec.bodyLimit ?? JSON_LIMIT),
        headers: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 2, arbitrary: hostileHeaders }),
      }),
    )
    .map((request) =>
      request.method === 'GET' || request.method === 'HEAD' ? { ...request, body: undefined } : request,
    );
}

async function send(w: World, request: FuzzRequest) {
  const headers = new Headers({ 'cf-connecting-ip': request.headers.address ?? '192.0.2.1' });
  const cookie = request.headers.forgedCookie ?? (await w.cookieFor(request.identity));
  if (cookie) headers.set('cookie', cookie);
  if (request.headers.idempotencyKey !== undefined) headers.set('idempotency-key', request.headers.idempotencyKey);
  if (request.headers.acceptLanguage !== undefined) headers.set('accept-language', request.headers.acceptLanguage);
  if (request.headers.requestId !== undefined) headers.set('x-request-id', request.headers.requestId);
  if (request.headers.crossSite) headers.set('sec-fetch-site', 'cross-site');
  if (request.body?.contentType) headers.set('content-type', request.body.contentType);
  const context = createExecutionContext();
  const response = await app.fetch(
    new Request(`${BASE}${request.path}${request.query}`, {
      method: request.method,
      headers,
      body: request.body?.bytes,
    }),
    env,
    context,
  );
  // Work left for after the answer (texts relayed) finishes within the run, so it cannot outlive the test.
  await waitOnExecutionContext(context);
  return response;
}

const describeRequest = (r: FuzzRequest) =>
  `${r.identity} ${r.method} ${(r.path + r.query).slice(0, 200)} body=${r.body?.label ?? 'none'} headers=${Object.keys(r.headers).join(',') || 'none'}`;

/** What every answer of the API must look like, whatever it was asked. */
async function checkContract(request: FuzzRequest, response: Response) {
  const problem = (what: string, text = '') =>
    new Error(`${what}: ${response.status} for ${describeRequest(request)} ${text.slice(0, 300)}`);
  const text = await response.text();
  if (response.status >= 500) throw problem('server error', text);
  // A path of dot segments may leave /api once the URL is resolved: the web app answers there.
  if (response.status === 204 || !new URL(`${BASE}${request.path}`).pathname.startsWith('/api/')) return;
  const type = response.headers.get('content-type') ?? '';
  const file = response.status < 400 && /\.(csv|xlsx|ics)$/.test(request.path);
  if (!file && !/^application\/json/.test(type)) throw problem(`content type ${type}`, text);
  if (response.status >= 400) {
    let body: { error?: { code?: unknown; message?: unknown } } | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      throw problem('error body is not JSON', text);
    }
    if (
      typeof body?.error?.code !== 'string' ||
      !/^[a-z_]+$/.test(body.error.code) ||
      typeof body.error.message !== 'string' ||
      !body.error.message
    ) {
      throw problem('error shape', text);
    }
  }
  if ((response.status === 429 || response.status === 503) && !response.headers.get('retry-after'))
    throw problem('no Retry-After');
}

describe('fuzzing every route', () => {
  let world: World;
  beforeAll(async () => {
    world = await setUpWorld();
  }, 30_000);

  it('knows the routes it fuzzes by name: the table names no route the app lacks', () => {
    expect(Object.keys(ROUTES).filter((route) => !appRoutes().includes(route))).toEqual([]);
  });

  for (const route of appRoutes()) {
    it(`${route} answers hostile requests below 500, in the contract's shape`, async () => {
      await assertReplayable(
        fc.asyncProperty(requests(world, route), async (request) => checkContract(request, await send(world, request))),
        { seed: seedFor(route), numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
    }, 60_000);
  }

  it('leaves the data sound: every invariant holds after the run', async () => {
    expect(await invariantViolations()).toEqual([]);
  });
});

/** What people and organizers do to a slot: racing each other, in any order. */
type Action =
  | { kind: 'sign-up' | 'cancel' | 'check-in'; who: number; slot: number }
  | { kind: 'team'; who: number; slot: number; seats: number }
  | { kind: 'join'; who: number; slot: number }
  | { kind: 'capacity'; slot: number; capacity: number; waitlist: boolean };

const PEOPLE = 6;
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('sign-up' as const), who: fc.nat(PEOPLE - 1), slot: fc.nat(1) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('cancel' as const), who: fc.nat(PEOPLE - 1), slot: fc.nat(1) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('check-in' as const), who: fc.nat(PEOPLE - 1), slot: fc.nat(1) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('team' as const),
      who: fc.nat(PEOPLE - 1),
      slot: fc.nat(1),
      seats: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('join' as const), who: fc.nat(PEOPLE - 1), slot: fc.nat(1) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('capacity' as const),
      slot: fc.nat(1),
      capacity: fc.nat(4),
      waitlist: fc.boolean(),
    }),
  },
);

describe('sign-ups, cancellations, teams, check-ins and capacity changes racing in any order', () => {
  let world: World;
  let citizens: { cookie: string; personId: string; phone: string }[];
  beforeAll(async () => {
    world = await setUpWorld();
    citizens = await Promise.all(Array.from({ length: PEOPLE }, () => quickCitizen()));
  }, 30_000);

  it('keep every invariant after each round', async () => {
    // Texts the actions queue stay in D1 (no queue binding): relaying them is not what races here.
    const act = (path: string, options: CallOptions) =>
      call(path, { ...options, bindings: { NOTIFICATIONS: undefined } });
    const run = async (slotIds: string[], a: Action): Promise<Response> => {
      const slotId = slotIds[a.slot]!;
      if (a.kind === 'capacity') {
        return act(`/api/admin/slots/${slotId}`, {
          method: 'PATCH',
          cookie: await world.cookieFor('organizer'),
          body: { capacity: a.capacity, waitlist: a.waitlist },
        });
      }
      const citizen = citizens[a.who]!;
      if (a.kind === 'sign-up')
        return act(`/api/slots/${slotId}/registrations`, { cookie: citizen.cookie, body: { name: '张三' } });
      if (a.kind === 'team') {
        return act(`/api/slots/${slotId}/groups`, {
          cookie: citizen.cookie,
          body: { organization: '公司', contactName: '王经理', contactPhone: citizen.phone, seats: a.seats },
        });
      }
      if (a.kind === 'join') {
        const team = await env.DB.prepare(
          'SELECT code FROM registration_groups WHERE slot_id = ? ORDER BY created_at DESC LIMIT 1',
        )
          .bind(slotId)
          .first<{ code: string }>();
        return act(`/api/groups/${team?.code ?? 'NONE2345'}/registrations`, {
          cookie: citizen.cookie,
          body: { name: '张三' },
        });
      }
      const mine = await env.DB.prepare(
        `SELECT id, code FROM registrations WHERE slot_id = ? AND person_id = ? ORDER BY arrival DESC LIMIT 1`,
      )
        .bind(slotId, citizen.personId)
        .first<{ id: string; code: string }>();
      if (a.kind === 'cancel')
        return act(`/api/registrations/${mine?.id ?? 'none'}/cancel`, { method: 'POST', cookie: citizen.cookie });
      return act('/api/admin/checkins', {
        cookie: await world.cookieFor('checkin'),
        body: { code: mine?.code ?? 'NONE2345' },
      });
    };

    await assertReplayable(
      fc.asyncProperty(
        fc.array(fc.array(action, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        async (rounds) => {
          const { slotIds } = await createCampaign({
            organizationId: world.organizationId,
            sessions: [
              {
                startsAt: new Date(Date.now() + 864e6).toISOString(),
                endsAt: new Date(Date.now() + 865e6).toISOString(),
                slots: [
                  { role: '甲', capacity: 2, waitlist: true },
                  { role: '乙', capacity: 1 },
                ],
              },
            ],
          });
          for (const round of rounds) {
            const responses = await Promise.all(round.map((a) => run(slotIds, a)));
            for (const [index, response] of responses.entries()) {
              if (response.status >= 500)
                throw new Error(`${JSON.stringify(round[index])}: ${response.status} ${await response.text()}`);
            }
            const violations = await invariantViolations();
            if (violations.length > 0) throw new Error(violations.join('\n'));
          }
        },
      ),
      { seed: seedFor('races'), numRuns: 25, endOnFailure: true },
    );
  }, 60_000);
});

describe('bugs the fuzzing found, kept as regressions', () => {
  let world: World;
  beforeAll(async () => {
    world = await setUpWorld();
  });

  it('an organizer edit that changes nothing answers 200 with the campaign as it was (was 500: an empty SET)', async () => {
    const cookie = await world.cookieFor('organizer');
    const response = await call(`/api/admin/campaigns/${world.cpr.id}`, { method: 'PATCH', cookie, body: {} });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { campaign: { id: string } }).campaign.id).toBe(world.cpr.id);
  });

  it('a JSON array where an object belongs is refused with validation_failed (was taken as an empty edit)', async () => {
    const edits = [
      call(`/api/admin/campaigns/${world.cpr.id}`, {
        method: 'PATCH',
        cookie: await world.cookieFor('organizer'),
        body: [{ title: '改名' }],
      }),
      call(`/api/admin/slots/${world.cpr.slotIds[0]}`, {
        method: 'PATCH',
        cookie: await world.cookieFor('organizer'),
        body: [],
      }),
      call('/api/me', { method: 'PATCH', cookie: await world.cookieFor('citizen'), body: [] }),
    ];
    for (const response of await Promise.all(edits)) {
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatchObject({ code: 'validation_failed', issues: [{ path: 'body' }] });
    }
  });
});

describe('the invariant checks', () => {
  // Run after the fuzzing above (vitest keeps the file's order): these break the data on purpose.
  it('catch a slot holding more people than it seats', async () => {
    const w = await setUpWorld();
    await addRegistrations(w.cpr.slotIds[1]!, ['confirmed', 'confirmed']); // capacity 1
    expect((await invariantViolations()).filter((v) => v.startsWith('taken ≤ capacity per slot'))).toHaveLength(1);
  });

  it('catch a quiz total that is not the sum of its attempts', async () => {
    const { results } = await env.DB.prepare(
      `UPDATE quiz_players SET score = score + 1 WHERE rowid = (SELECT min(rowid) FROM quiz_players) RETURNING person_id`,
    ).all();
    if (results.length === 0) {
      // Nobody submitted during the fuzzing: a player row without its attempts breaks the rule as well.
      await env.DB.prepare(
        `INSERT INTO quiz_players SELECT season_id, person_id, '张三', '', 10, 0, 1, 0 FROM quiz_attempts LIMIT 1`,
      ).run();
    }
    expect((await invariantViolations()).filter((v) => v.startsWith('quiz totals'))).toHaveLength(1);
  });
});
