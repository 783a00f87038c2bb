// Signing up for a slot (POST /api/slots/:slotId/registrations): seats, waiting lists,
// refusals, Idempotency-Key replays, campaign questions and profile facts, through HTTP
// against the Worker and a real local D1.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  type AnyResponse,
  BOOKING_CODE as CODE,
  call,
  errorOf,
  signInCitizen,
  storedPerson,
  type Registration,
  type SignUpBody,
  testClient,
} from './helpers.ts';
import { createCampaign, type SlotFixture } from './fixtures.ts';

const SESSION = { startsAt: '2099-01-10T09:00:00+08:00', endsAt: '2099-01-10T12:00:00+08:00' };

interface SlotView {
  id: string;
  capacity: number;
  taken: number;
  remaining: number;
  waitlist: boolean;
}

/** A published CPR class in 2099 with the given slots (no eligibility rules, no questions). */
async function campaignWith(slots: SlotFixture[], options: Parameters<typeof createCampaign>[0] = {}) {
  return createCampaign({ kind: 'cpr_training', sessions: [{ ...SESSION, slots }], ...options });
}

const signUpRoute = (cookie: string | undefined, headers: Record<string, string>) =>
  testClient({ ...(cookie && { cookie }), headers }).slots[':slotId'].registrations;

const signUp = (
  slotId: string,
  cookie: string | undefined,
  json: SignUpBody = { name: '张三' },
  headers: Record<string, string> = {},
) => signUpRoute(cookie, headers).$post({ param: { slotId }, json });

/** A body the typed client would not send (fields of the wrong type, not JSON, not an object): raw. */
const signUpRaw = (slotId: string, cookie: string, body: unknown) =>
  call(`/api/slots/${slotId}/registrations`, { body, cookie });

async function registered(response: AnyResponse): Promise<Registration> {
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { registration: Registration }).registration;
}

async function refused(response: AnyResponse, status: number, code: string) {
  expect(response.status, await response.clone().text()).toBe(status);
  const error = await errorOf(response);
  expect(error.code).toBe(code);
  return error;
}

async function slotView(campaignId: string, slotId: string): Promise<SlotView> {
  const response = await testClient().campaigns[':id'].$get({ param: { id: campaignId } });
  expect(response.status).toBe(200);
  const { campaign } = await response.json();
  return campaign.sessions.flatMap((session) => session.slots).find((slot) => slot.id === slotId)!;
}

const rowsOf = async (slotId: string) =>
  (
    await env.DB.prepare(
      'SELECT id, person_id, code, status, name, answers FROM registrations WHERE slot_id = ? ORDER BY arrival',
    )
      .bind(slotId)
      .all<{ id: string; person_id: string; code: string; status: string; name: string; answers: string }>()
  ).results;

const personRow = (personId: string) => storedPerson(personId, ['name', 'gender', 'birth_date']);

const cancel = (registrationId: string, cookie: string) =>
  testClient({ cookie }).registrations[':id'].cancel.$post({ param: { id: registrationId } });

describe('POST /api/slots/:slotId/registrations', () => {
  it('confirms a seat with an 8-character booking code and counts it on the slot', async () => {
    const campaign = await campaignWith([{ role: '学员', capacity: 2 }]);
    const slotId = campaign.slotIds[0]!;
    expect(await slotView(campaign.id, slotId)).toMatchObject({ capacity: 2, taken: 0, remaining: 2 });

    const citizen = await signInCitizen();
    const response = await signUp(slotId, citizen.cookie, { name: '张三' });
    const body = (await response.clone().json()) as { registration: Registration };
    const registration = await registered(response);
    expect(Object.keys(body)).toEqual(['registration']);
    expect(registration).toEqual({
      id: expect.any(String),
      code: expect.stringMatching(CODE),
      status: 'confirmed',
      slotId,
    });
    expect(registration).not.toHaveProperty('position');

    const rows = await rowsOf(slotId);
    expect(rows).toEqual([
      expect.objectContaining({
        id: registration.id,
        person_id: citizen.personId,
        code: registration.code,
        status: 'confirmed',
        name: '张三',
      }),
    ]);
    expect(await slotView(campaign.id, slotId)).toMatchObject({ capacity: 2, taken: 1, remaining: 1 });

    await registered(await signUp(slotId, (await signInCitizen()).cookie));
    expect(await slotView(campaign.id, slotId)).toMatchObject({ capacity: 2, taken: 2, remaining: 0 });

    // A cancellation gives the seat back.
    expect((await cancel(registration.id, citizen.cookie)).status).toBe(200);
    expect(await slotView(campaign.id, slotId)).toMatchObject({ capacity: 2, taken: 1, remaining: 1 });
  });

  it('gives each sign-up its own code', async () => {
    const campaign = await campaignWith([{ role: '学员', capacity: 10 }]);
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++)
      codes.add((await registered(await signUp(campaign.slotIds[0]!, (await signInCitizen()).cookie))).code);
    expect(codes.size).toBe(5);
    for (const code of codes) expect(code).toMatch(CODE);
  });

  it('puts people on the waiting list in order once the slot is full', async () => {
    const campaign = await campaignWith([{ role: '学员', capacity: 1, waitlist: true }]);
    const slotId = campaign.slotIds[0]!;
    expect((await registered(await signUp(slotId, (await signInCitizen()).cookie))).status).toBe('confirmed');

    const positions: (number | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const registration = await registered(await signUp(slotId, (await signInCitizen()).cookie));
      expect(registration.status).toBe('waitlisted');
      expect(registration.code).toMatch(CODE);
      positions.push(registration.position);
    }
    expect(positions).toEqual([1, 2, 3]);
    expect(await slotView(campaign.id, slotId)).toMatchObject({ capacity: 1, taken: 1, remaining: 0, waitlist: true });
    expect((await rowsOf(slotId)).map((row) => row.status)).toEqual([
      'confirmed',
      'waitlisted',
      'waitlisted',
      'waitlisted',
    ]);
  });

  it('refuses a full slot without a waiting list with 409 slot_full and writes nothing', async () => {
    const campaign = await campaignWith([{ role: '学员', capacity: 1 }]);
    const slotId = campaign.slotIds[0]!;
    await registered(await signUp(slotId, (await signInCitizen()).cookie));

    const late = await signInCitizen();
    const error = await refused(
      await signUp(slotId, late.cookie, { name: '王五', gender: 'male', birthDate: '1980-02-02' }),
      409,
      'slot_full',
    );
    expect(error.message).toEqual(expect.any(String));
    expect(await rowsOf(slotId)).toHaveLength(1);
    expect(await personRow(late.personId)).toEqual({ name: null, gender: null, birth_date: null });
    expect(await slotView(campaign.id, slotId)).toMatchObject({ taken: 1, remaining: 0 });
  });

  it('refuses a second active sign-up of the same person with 409 already_registered, and allows one after cancelling', async () => {
    const campaign = await campaignWith([{ role: '学员', capacity: 5, waitlist: true }]);
    const slotId = campaign.slotIds[0]!;
    const citizen = await signInCitizen();
    const first = await registered(await signUp(slotId, citizen.cookie));
    await refused(await signUp(slotId, citizen.cookie), 409, 'already_registered');
    expect(await rowsOf(slotId)).toHaveLength(1);

    expect((await cancel(first.id, citizen.cookie)).status).toBe(200);
    const again = await registered(await signUp(slotId, citizen.cookie));
    expect(again.id).not.toBe(first.id);
    expect(again.status).toBe('confirmed');
    expect((await rowsOf(slotId)).map((row) => row.status).sort()).toEqual(['cancelled', 'confirmed']);
  });

  it('refuses a waitlisted person signing up again for the same slot', async () => {
    const campaign = await campaignWith([{ role: '学员', capacity: 0, waitlist: true }]);
    const slotId = campaign.slotIds[0]!;
    const citizen = await signInCitizen();
    expect((await registered(await signUp(slotId, citizen.cookie))).status).toBe('waitlisted');
    await refused(await signUp(slotId, citizen.cookie), 409, 'already_registered');
    expect(await rowsOf(slotId)).toHaveLength(1);
  });

  it('lets one person sign up for two different slots', async () => {
    const campaign = await campaignWith([
      { role: '学员', capacity: 5 },
      { role: '志愿者', capacity: 5 },
    ]);
    const citizen = await signInCitizen();
    const a = await registered(await signUp(campaign.slotIds[0]!, citizen.cookie));
    const b = await registered(await signUp(campaign.slotIds[1]!, citizen.cookie));
    expect(a.slotId).toBe(campaign.slotIds[0]);
    expect(b.slotId).toBe(campaign.slotIds[1]);
  });

  it('answers 404 for a draft campaign and an unknown slot, writing nothing', async () => {
    const citizen = await signInCitizen();
    const draft = await campaignWith([{ role: '学员', capacity: 5 }], { status: 'draft' });
    await refused(await signUp(draft.slotIds[0]!, citizen.cookie), 404, 'not_found');
    expect(await rowsOf(draft.slotIds[0]!)).toHaveLength(0);
    await refused(await signUp(crypto.randomUUID(), citizen.cookie), 404, 'not_found');
    await refused(await signUp('x'.repeat(65), citizen.cookie), 400, 'validation_failed');
  });

  it('answers 409 registration_closed for a closed campaign or a session that has started', async () => {
    const citizen = await signInCitizen();
    const closed = await campaignWith([{ role: '学员', capacity: 5 }], { status: 'closed' });
    await refused(await signUp(closed.slotIds[0]!, citizen.cookie), 409, 'registration_closed');
    expect(await rowsOf(closed.slotIds[0]!)).toHaveLength(0);

    const started = await createCampaign({
      kind: 'cpr_training',
      startsOn: '2020-01-01',
      endsOn: '2099-12-31',
      sessions: [
        {
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
          slots: [{ role: '学员', capacity: 5 }],
        },
      ],
    });
    await refused(await signUp(started.slotIds[0]!, citizen.cookie), 409, 'registration_closed');
    expect(await rowsOf(started.slotIds[0]!)).toHaveLength(0);

    // A campaign that has ended takes no sign-ups even if a session row says otherwise.
    const ended = await campaignWith([{ role: '学员', capacity: 5 }], { startsOn: '2020-01-01', endsOn: '2020-01-02' });
    await refused(await signUp(ended.slotIds[0]!, citizen.cookie), 409, 'registration_closed');
  });

  it('answers 401 unauthenticated without a session, writing nothing', async () => {
    const campaign = await campaignWith([{ role: '学员', capacity: 5 }]);
    await refused(await signUp(campaign.slotIds[0]!, undefined), 401, 'unauthenticated');
    await refused(await signUp(campaign.slotIds[0]!, 'lifeline_session=forged'), 401, 'unauthenticated');
    expect(await rowsOf(campaign.slotIds[0]!)).toHaveLength(0);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer, byte for byte, and books once', async () => {
    const campaign = await campaignWith([{ role: '学员', capacity: 5 }]);
    const slotId = campaign.slotIds[0]!;
    const citizen = await signInCitizen();
    const headers = { 'idempotency-key': crypto.randomUUID() };

    const first = await signUp(slotId, citizen.cookie, { name: '张三' }, headers);
    expect(first.status).toBe(201);
    const firstText = await first.text();

    for (const body of [{ name: '张三' }, { name: '另一个名字' }]) {
      const retry = await signUp(slotId, citizen.cookie, body, headers);
      expect(retry.status).toBe(201);
      expect(await retry.text()).toBe(firstText);
    }
    expect(await rowsOf(slotId)).toHaveLength(1);
    expect((await rowsOf(slotId))[0]!.name).toBe('张三');
    expect(await slotView(campaign.id, slotId)).toMatchObject({ taken: 1 });
  });

  it('replays the first answer even after that sign-up was cancelled, booking nothing new', async () => {
    const campaign = await campaignWith([{ role: '学员', capacity: 5 }]);
    const slotId = campaign.slotIds[0]!;
    const citizen = await signInCitizen();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const first = await signUp(slotId, citizen.cookie, { name: '张三' }, headers);
    const firstText = await first.clone().text();
    const registration = await registered(first);
    expect((await cancel(registration.id, citizen.cookie)).status).toBe(200);

    const retry = await signUp(slotId, citizen.cookie, { name: '张三' }, headers);
    expect(retry.status).toBe(201);
    expect(await retry.text()).toBe(firstText);
    expect((await rowsOf(slotId)).map((row) => row.status)).toEqual(['cancelled']);
  });

  it('replays a waitlisted answer with its position', async () => {
    const campaign = await campaignWith([{ role: '学员', capacity: 0, waitlist: true }]);
    const slotId = campaign.slotIds[0]!;
    await registered(await signUp(slotId, (await signInCitizen()).cookie));
    const citizen = await signInCitizen();
    const headers = { 'idempotency-key': `retry-${crypto.randomUUID()}` };
    const first = await signUp(slotId, citizen.cookie, { name: '张三' }, headers);
    const firstText = await first.clone().text();
    expect(await registered(first)).toMatchObject({ status: 'waitlisted', position: 2 });
    const retry = await signUp(slotId, citizen.cookie, { name: '张三' }, headers);
    expect(retry.status).toBe(201);
    expect(await retry.text()).toBe(firstText);
    expect(await rowsOf(slotId)).toHaveLength(2);
  });

  it('replays a refusal too: slot_full stays the answer to that key after a seat frees', async () => {
    const campaign = await campaignWith([{ role: '学员', capacity: 1 }]);
    const slotId = campaign.slotIds[0]!;
    const holder = await signInCitizen();
    const seat = await registered(await signUp(slotId, holder.cookie));

    const citizen = await signInCitizen();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const first = await signUp(slotId, citizen.cookie, { name: '李四' }, headers);
    expect(first.status).toBe(409);
    const firstText = await first.text();
    expect(JSON.parse(firstText).error.code).toBe('slot_full');

    expect((await cancel(seat.id, holder.cookie)).status).toBe(200);
    expect(await slotView(campaign.id, slotId)).toMatchObject({ remaining: 1 });

    const retry = await signUp(slotId, citizen.cookie, { name: '李四' }, headers);
    expect(retry.status).toBe(409);
    expect(await retry.text()).toBe(firstText);
    expect((await rowsOf(slotId)).filter((row) => row.person_id === citizen.personId)).toHaveLength(0);

    // A new request (a new key) is a new attempt.
    const fresh = await registered(
      await signUp(slotId, citizen.cookie, { name: '李四' }, { 'idempotency-key': crypto.randomUUID() }),
    );
    expect(fresh.status).toBe('confirmed');
  });

  it('refuses the same key for another slot with 409 idempotency_key_reused and books nothing there', async () => {
    const campaign = await campaignWith([
      { role: '学员', capacity: 5 },
      { role: '志愿者', capacity: 5 },
    ]);
    const [first, second] = campaign.slotIds as [string, string];
    const citizen = await signInCitizen();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    await registered(await signUp(first, citizen.cookie, { name: '张三' }, headers));
    await refused(await signUp(second, citizen.cookie, { name: '张三' }, headers), 409, 'idempotency_key_reused');
    expect(await rowsOf(second)).toHaveLength(0);
  });

  it('keeps keys per person: the same key from someone else is a new sign-up', async () => {
    const campaign = await campaignWith([{ role: '学员', capacity: 5 }]);
    const slotId = campaign.slotIds[0]!;
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const a = await registered(await signUp(slotId, (await signInCitizen()).cookie, { name: '甲' }, headers));
    const b = await registered(await signUp(slotId, (await signInCitizen()).cookie, { name: '乙' }, headers));
    expect(b.id).not.toBe(a.id);
    expect(await rowsOf(slotId)).toHaveLength(2);
  });

  it('does not remember a 400: the corrected request with the same key goes through', async () => {
    const campaign = await campaignWith([{ role: '学员', capacity: 5 }]);
    const slotId = campaign.slotIds[0]!;
    await setQuestions(campaign.id, [
      { key: 'tshirt', label: '尺码', type: 'choice', required: true, options: ['S', 'M'] },
    ]);
    const citizen = await signInCitizen();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    await refused(await signUp(slotId, citizen.cookie, { name: '张三' }, headers), 400, 'validation_failed');
    const registration = await registered(
      await signUp(slotId, citizen.cookie, { name: '张三', answers: { tshirt: 'M' } }, headers),
    );
    expect(registration.status).toBe('confirmed');
  });

  it('refuses a malformed key with 400 naming the header', async () => {
    const campaign = await campaignWith([{ role: '学员', capacity: 5 }]);
    const citizen = await signInCitizen();
    for (const key of ['has space', 'x'.repeat(201), 'tab\tinside']) {
      const error = await refused(
        await signUp(campaign.slotIds[0]!, citizen.cookie, { name: '张三' }, { 'idempotency-key': key }),
        400,
        'validation_failed',
      );
      expect(error.issues?.map((issue) => issue.path)).toEqual(['Idempotency-Key']);
    }
    expect(await rowsOf(campaign.slotIds[0]!)).toHaveLength(0);
  });
});

const QUESTIONS = [
  { key: 'tshirt', label: '尺码', type: 'choice', required: true, options: ['S', 'M'] },
  { key: 'age', label: '年龄', type: 'number', required: false },
];

async function setQuestions(campaignId: string, questions: unknown[]) {
  await env.DB.prepare('UPDATE campaigns SET questions = ? WHERE id = ?')
    .bind(JSON.stringify(questions), campaignId)
    .run();
}

describe('campaign questions', () => {
  async function questionCampaign() {
    const campaign = await campaignWith([{ role: '学员', capacity: 50 }]);
    await setQuestions(campaign.id, QUESTIONS);
    return { campaign, slotId: campaign.slotIds[0]!, citizen: await signInCitizen() };
  }

  const pathsOf = async (response: AnyResponse) =>
    (await refused(response, 400, 'validation_failed')).issues!.map((issue) => issue.path).sort();

  it('are shown on the campaign', async () => {
    const { campaign } = await questionCampaign();
    const body = await (await testClient().campaigns[':id'].$get({ param: { id: campaign.id } })).json();
    expect(body.campaign.questions).toEqual(QUESTIONS);
  });

  it('refuses a missing required answer, a wrong type, an unknown key, with a path for each', async () => {
    const { slotId, citizen } = await questionCampaign();
    expect(await pathsOf(await signUp(slotId, citizen.cookie, { name: '张三' }))).toEqual(['answers.tshirt']);
    expect(await pathsOf(await signUp(slotId, citizen.cookie, { name: '张三', answers: {} }))).toEqual([
      'answers.tshirt',
    ]);
    expect(await pathsOf(await signUp(slotId, citizen.cookie, { name: '张三', answers: { tshirt: '' } }))).toEqual([
      'answers.tshirt',
    ]);
    expect(await pathsOf(await signUp(slotId, citizen.cookie, { name: '张三', answers: { tshirt: 'XL' } }))).toEqual([
      'answers.tshirt',
    ]);
    expect(await pathsOf(await signUp(slotId, citizen.cookie, { name: '张三', answers: { tshirt: 1 } }))).toEqual([
      'answers.tshirt',
    ]);
    expect(
      await pathsOf(await signUp(slotId, citizen.cookie, { name: '张三', answers: { tshirt: 'S', age: '30' } })),
    ).toEqual(['answers.age']);
    expect(
      await pathsOf(await signUp(slotId, citizen.cookie, { name: '张三', answers: { tshirt: 'S', shoe: 42 } })),
    ).toEqual(['answers.shoe']);
    expect(
      await pathsOf(await signUp(slotId, citizen.cookie, { name: '张三', answers: { age: true, shoe: 42 } })),
    ).toEqual(['answers.age', 'answers.shoe', 'answers.tshirt']);
    expect(await rowsOf(slotId)).toHaveLength(0);
  });

  it('explains each problem in the asked language', async () => {
    const { slotId, citizen } = await questionCampaign();
    const response = await signUp(
      slotId,
      citizen.cookie,
      { name: '张三', answers: { age: 'old' } },
      { 'accept-language': 'en' },
    );
    const error = await refused(response, 400, 'validation_failed');
    expect(error.issues).toEqual([
      { path: 'answers.tshirt', message: 'Please answer this question.' },
      { path: 'answers.age', message: 'This value has the wrong type.' },
    ]);
  });

  it('stores the answers with the registration, dropping unanswered optional ones', async () => {
    const { slotId, citizen } = await questionCampaign();
    const a = await registered(
      await signUp(slotId, citizen.cookie, { name: '张三', answers: { tshirt: 'M', age: 30 } }),
    );
    const other = await signInCitizen();
    const b = await registered(
      await signUp(slotId, other.cookie, { name: '李四', answers: { tshirt: 'S', age: null } }),
    );
    const rows = await rowsOf(slotId);
    expect(JSON.parse(rows.find((row) => row.id === a.id)!.answers)).toEqual({ tshirt: 'M', age: 30 });
    expect(JSON.parse(rows.find((row) => row.id === b.id)!.answers)).toEqual({ tshirt: 'S' });
  });

  it('refuses answers to a campaign that asks nothing', async () => {
    const campaign = await campaignWith([{ role: '学员', capacity: 5 }]);
    const citizen = await signInCitizen();
    expect(
      await pathsOf(await signUp(campaign.slotIds[0]!, citizen.cookie, { name: '张三', answers: { anything: 'x' } })),
    ).toEqual(['answers.anything']);
    const ok = await registered(await signUp(campaign.slotIds[0]!, citizen.cookie, { name: '张三', answers: {} }));
    expect(JSON.parse((await rowsOf(campaign.slotIds[0]!)).find((row) => row.id === ok.id)!.answers)).toEqual({});
  });
});

describe('bad bodies', () => {
  async function attempt(body: unknown) {
    const campaign = await campaignWith([{ role: '学员', capacity: 5 }]);
    const citizen = await signInCitizen();
    const response = await signUpRaw(campaign.slotIds[0]!, citizen.cookie, body);
    const error = await refused(response, 400, body === 'not json' ? 'invalid_json' : 'validation_failed');
    expect(await rowsOf(campaign.slotIds[0]!)).toHaveLength(0);
    expect(await personRow(citizen.personId)).toEqual({ name: null, gender: null, birth_date: null });
    return (error.issues ?? []).map((issue) => issue.path).sort();
  }

  it('names a missing name, and every other bad field of the same body', async () => {
    expect(await attempt({})).toEqual(['name']);
    expect(await attempt({ weightKg: '60', answers: 'S', gender: 'x', birthDate: '1990/01/01' })).toEqual([
      'answers',
      'birthDate',
      'gender',
      'name',
      'weightKg',
    ]);
  });

  it('names a name that is too long, blank or not a string', async () => {
    expect(await attempt({ name: '张'.repeat(41) })).toEqual(['name']);
    expect(await attempt({ name: '   ' })).toEqual(['name']);
    expect(await attempt({ name: 42 })).toEqual(['name']);
    expect(await attempt({ name: null })).toEqual(['name']);
  });

  it('names each bad field on its own', async () => {
    expect(await attempt({ name: '张三', weightKg: '60' })).toEqual(['weightKg']);
    expect(await attempt({ name: '张三', weightKg: 5 })).toEqual(['weightKg']);
    expect(await attempt({ name: '张三', answers: 'S' })).toEqual(['answers']);
    expect(await attempt({ name: '张三', answers: 42 })).toEqual(['answers']);
    expect(await attempt({ name: '张三', gender: 'x' })).toEqual(['gender']);
    expect(await attempt({ name: '张三', donationKind: 'plasma' })).toEqual(['donationKind']);
    expect(await attempt({ name: '张三', idNumber: 371502199003071230 })).toEqual(['idNumber']);
  });

  it('answers a body that is not JSON, or not an object, with 400', async () => {
    expect(await attempt('not json')).toEqual([]);
    expect(await attempt([{ name: '张三' }])).toHaveLength(1);
    expect(await attempt(null)).toEqual(['body']);
  });

  // valibot's record() takes arrays for objects: [] is booked as "no answers" and ['S'] is
  // blamed on an unknown question "answers.0" instead of the wrong type of `answers`.
  it('names answers sent as an array as the wrong type', async () => {
    expect.soft(await attempt({ name: '张三', answers: ['S'] })).toEqual(['answers']);
    expect.soft(await attempt({ name: '张三', weightKg: '60', answers: ['S'] })).toEqual(['answers', 'weightKg']);
    expect.soft(await attempt({ name: '张三', answers: [] })).toEqual(['answers']);
  });

  it('accepts a name of exactly 40 characters, trimmed', async () => {
    const campaign = await campaignWith([{ role: '学员', capacity: 5 }]);
    const citizen = await signInCitizen();
    const name = '张'.repeat(40);
    await registered(await signUp(campaign.slotIds[0]!, citizen.cookie, { name: `  ${name}  ` }));
    expect((await rowsOf(campaign.slotIds[0]!))[0]!.name).toBe(name);
  });
});

describe('profile facts from a sign-up', () => {
  it('fill the empty fields of the person and never overwrite them', async () => {
    const citizen = await signInCitizen();
    const first = await campaignWith([{ role: '学员', capacity: 5 }]);
    await registered(
      await signUp(first.slotIds[0]!, citizen.cookie, { name: ' 张三 ', gender: 'female', birthDate: '1990-05-17' }),
    );
    expect(await personRow(citizen.personId)).toEqual({ name: '张三', gender: 'female', birth_date: '1990-05-17' });

    const second = await campaignWith([{ role: '学员', capacity: 5 }]);
    await registered(
      await signUp(second.slotIds[0]!, citizen.cookie, { name: '李四', gender: 'male', birthDate: '1980-01-01' }),
    );
    expect(await personRow(citizen.personId)).toEqual({ name: '张三', gender: 'female', birth_date: '1990-05-17' });
    // The sign-up itself keeps the name given for it.
    expect((await rowsOf(second.slotIds[0]!))[0]!.name).toBe('李四');

    const me = await (await testClient({ cookie: citizen.cookie }).me.$get()).json();
    expect(me.person).toMatchObject({ name: '张三', gender: 'female', birthDate: '1990-05-17' });
  });

  it('fill only the fields that are empty', async () => {
    const citizen = await signInCitizen();
    expect((await testClient({ cookie: citizen.cookie }).me.$patch({ json: { name: '王五' } })).status).toBe(200);
    const campaign = await campaignWith([{ role: '学员', capacity: 5 }]);
    await registered(await signUp(campaign.slotIds[0]!, citizen.cookie, { name: '赵六', gender: 'male' }));
    expect(await personRow(citizen.personId)).toEqual({ name: '王五', gender: 'male', birth_date: null });
  });
});
