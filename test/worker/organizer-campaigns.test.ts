import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, createOrganization, errorOf, signInCitizen, signInStaff } from './helpers.ts';

const campaignBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'cpr_training',
  title: '企业急救培训',
  description: '学习胸外按压和 AED 的使用。',
  startsOn: '2099-05-01',
  endsOn: '2099-05-31',
  ...overrides,
});

const sessionBody = (overrides: Record<string, unknown> = {}) => ({
  startsAt: '2099-05-10T09:00:00+08:00',
  endsAt: '2099-05-10T11:00:00+08:00',
  venue: '市疾控中心培训教室',
  address: '东昌府区建设路 89 号',
  slots: [
    { role: '学员', capacity: 2, waitlist: true },
    { role: '助教', capacity: 1 },
  ],
  ...overrides,
});

async function organizer() {
  const organizationId = await createOrganization();
  return { organizationId, ...(await signInStaff('organizer', organizationId)) };
}

async function createPublished(cookie: string, overrides: Record<string, unknown> = {}) {
  const response = await call('/api/admin/campaigns', {
    body: campaignBody({ status: 'published', ...overrides }),
    cookie,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { campaign: { id: string } }).campaign.id;
}

describe('POST /api/admin/campaigns', () => {
  it("creates a draft in the organizer's own organization, hidden from the public", async () => {
    const { cookie, organizationId } = await organizer();
    const response = await call('/api/admin/campaigns', {
      body: campaignBody({
        eligibility: { minAge: 16 },
        questions: [
          { key: 'company', label: '单位', type: 'text', required: true },
          { key: 'size', label: '尺码', type: 'choice', options: ['S', 'M'] },
        ],
      }),
      cookie,
    });
    expect(response.status).toBe(201);
    const { campaign } = (await response.json()) as { campaign: Record<string, unknown> & { id: string } };
    expect(campaign).toMatchObject({
      kind: 'cpr_training',
      status: 'draft',
      organization: { id: organizationId },
      eligibility: { minAge: 16, donorRules: false },
      questions: [
        { key: 'company', required: true },
        { key: 'size', required: false, options: ['S', 'M'] },
      ],
      sessions: [],
    });
    expect((await call(`/api/campaigns/${campaign.id}`)).status).toBe(404);
  });

  it('applies the donor rules to blood drives unless told otherwise', async () => {
    const { cookie } = await organizer();
    const id = await createPublished(cookie, { kind: 'blood_drive' });
    const { campaign } = (await (await call(`/api/campaigns/${id}`)).json()) as { campaign: { eligibility: unknown } };
    expect(campaign.eligibility).toEqual({ donorRules: true });
  });

  it('makes an admin name an existing organization', async () => {
    const { cookie } = await signInStaff('admin');
    const missing = await call('/api/admin/campaigns', { body: campaignBody(), cookie });
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).issues?.[0]?.path).toBe('organizationId');
    const unknown = await call('/api/admin/campaigns', { body: campaignBody({ organizationId: 'nope' }), cookie });
    expect(unknown.status).toBe(400);
    const organizationId = await createOrganization();
    const created = await call('/api/admin/campaigns', { body: campaignBody({ organizationId }), cookie });
    expect(created.status).toBe(201);
  });

  it('refuses an organizer creating in another organization, check-in staff and citizens', async () => {
    const { cookie } = await organizer();
    const other = await createOrganization();
    expect((await call('/api/admin/campaigns', { body: campaignBody({ organizationId: other }), cookie })).status).toBe(
      403,
    );
    const checkin = await signInStaff('checkin', await createOrganization());
    expect((await call('/api/admin/campaigns', { body: campaignBody(), cookie: checkin.cookie })).status).toBe(403);
    const citizen = await signInCitizen();
    expect((await call('/api/admin/campaigns', { body: campaignBody(), cookie: citizen.cookie })).status).toBe(401);
  });

  it('names every bad field', async () => {
    const { cookie } = await organizer();
    const response = await call('/api/admin/campaigns', {
      body: {
        kind: 'party',
        title: '',
        description: 5,
        startsOn: '2099-02-30',
        endsOn: '2099-01-01',
        eligibility: { minAge: 60, maxAge: 20 },
        questions: [{ key: '1bad', label: 'x', type: 'choice' }],
      },
      cookie,
    });
    expect(response.status).toBe(400);
    const paths = (await errorOf(response)).issues!.map((issue) => issue.path);
    for (const path of ['kind', 'title', 'description', 'startsOn', 'eligibility', 'questions.0.key'])
      expect(paths).toContain(path);
  });

  it('refuses duplicate question keys and choices without options', async () => {
    const { cookie } = await organizer();
    const duplicate = await call('/api/admin/campaigns', {
      body: campaignBody({
        questions: [
          { key: 'a', label: 'A', type: 'text' },
          { key: 'a', label: 'B', type: 'number' },
        ],
      }),
      cookie,
    });
    expect(duplicate.status).toBe(400);
    const noOptions = await call('/api/admin/campaigns', {
      body: campaignBody({ questions: [{ key: 'a', label: 'A', type: 'choice' }] }),
      cookie,
    });
    expect(noOptions.status).toBe(400);
  });
});

describe('PATCH and GET /api/admin/campaigns', () => {
  it('publishes, edits and closes a campaign', async () => {
    const { cookie } = await organizer();
    const created = await call('/api/admin/campaigns', { body: campaignBody(), cookie });
    const { id } = ((await created.json()) as { campaign: { id: string } }).campaign;

    const published = await call(`/api/admin/campaigns/${id}`, {
      method: 'PATCH',
      body: { status: 'published', title: '新标题' },
      cookie,
    });
    expect(published.status).toBe(200);
    expect(((await published.json()) as { campaign: { title: string; status: string } }).campaign).toMatchObject({
      title: '新标题',
      status: 'published',
    });
    expect((await call(`/api/campaigns/${id}`)).status).toBe(200);

    const badDates = await call(`/api/admin/campaigns/${id}`, {
      method: 'PATCH',
      body: { endsOn: '2099-04-01' },
      cookie,
    });
    expect(badDates.status).toBe(400);
    expect((await errorOf(badDates)).issues?.[0]?.path).toBe('endsOn');

    await call(`/api/admin/campaigns/${id}`, { method: 'PATCH', body: { status: 'closed' }, cookie });
    expect((await call(`/api/campaigns/${id}`)).status).toBe(404);
  });

  it('never lets two racing edits cross the dates', async () => {
    const { cookie } = await organizer();
    const id = await createPublished(cookie);
    // Each edit is fine alone (May 1–31); together they would end before they start.
    const [later, earlier] = await Promise.all([
      call(`/api/admin/campaigns/${id}`, { method: 'PATCH', body: { startsOn: '2099-05-20' }, cookie }),
      call(`/api/admin/campaigns/${id}`, { method: 'PATCH', body: { endsOn: '2099-05-10' }, cookie }),
    ]);
    expect([later.status, earlier.status].sort()).toEqual([200, 400]);
    const row = await env.DB.prepare('SELECT starts_on AS startsOn, ends_on AS endsOn FROM campaigns WHERE id = ?')
      .bind(id)
      .first<{ startsOn: string; endsOn: string }>();
    expect(row!.startsOn <= row!.endsOn).toBe(true);
  });

  it("lists only the organization's campaigns, and answers 404 for another's", async () => {
    const mine = await organizer();
    const theirs = await organizer();
    const myId = await createPublished(mine.cookie);
    const theirId = await createPublished(theirs.cookie);

    const { items } = (await (await call('/api/admin/campaigns', { cookie: mine.cookie })).json()) as {
      items: { id: string }[];
    };
    expect(items.map((item) => item.id)).toContain(myId);
    expect(items.map((item) => item.id)).not.toContain(theirId);

    expect((await call(`/api/admin/campaigns/${theirId}`, { cookie: mine.cookie })).status).toBe(404);
    expect(
      (await call(`/api/admin/campaigns/${theirId}`, { method: 'PATCH', body: { title: 'x' }, cookie: mine.cookie }))
        .status,
    ).toBe(404);
    expect(
      (await call(`/api/admin/campaigns/${theirId}/sessions`, { body: sessionBody(), cookie: mine.cookie })).status,
    ).toBe(404);
    const title = await env.DB.prepare('SELECT title FROM campaigns WHERE id = ?')
      .bind(theirId)
      .first<{ title: string }>();
    expect(title?.title).toBe('企业急救培训');

    const admin = await signInStaff('admin');
    const all = (await (await call('/api/admin/campaigns', { cookie: admin.cookie })).json()) as {
      items: { id: string }[];
    };
    expect(all.items.map((item) => item.id)).toEqual(expect.arrayContaining([myId, theirId]));
  });
});

describe('POST /api/admin/campaigns/:id/sessions', () => {
  it('adds a session with its slots in one step', async () => {
    const { cookie } = await organizer();
    const id = await createPublished(cookie);
    const response = await call(`/api/admin/campaigns/${id}/sessions`, { body: sessionBody(), cookie });
    expect(response.status).toBe(201);
    const { session } = (await response.json()) as {
      session: {
        id: string;
        startsAt: string;
        slots: { id: string; role: string; capacity: number; waitlist: boolean }[];
      };
    };
    expect(session.startsAt).toBe('2099-05-10T09:00:00+08:00');
    expect(session.slots.map(({ role, capacity, waitlist }) => ({ role, capacity, waitlist }))).toEqual([
      { role: '学员', capacity: 2, waitlist: true },
      { role: '助教', capacity: 1, waitlist: false },
    ]);
    const { campaign } = (await (await call(`/api/campaigns/${id}`)).json()) as {
      campaign: { sessions: { id: string }[] };
    };
    expect(campaign.sessions.map((s) => s.id)).toEqual([session.id]);
  });

  it('refuses bad sessions and writes nothing', async () => {
    const { cookie } = await organizer();
    const id = await createPublished(cookie);
    const cases = [
      sessionBody({ endsAt: '2099-05-10T08:00:00+08:00' }),
      sessionBody({ startsAt: '2099-05-10 09:00' }),
      sessionBody({ slots: [] }),
      sessionBody({ slots: [{ role: 'a', capacity: -1 }] }),
      sessionBody({ slots: [{ role: 'a', capacity: 1.5 }] }),
      sessionBody({
        slots: [
          { role: 'a', capacity: 1 },
          { role: 'a', capacity: 2 },
        ],
      }),
    ];
    for (const body of cases) {
      const response = await call(`/api/admin/campaigns/${id}/sessions`, { body, cookie });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const count = await env.DB.prepare('SELECT count(*) AS n FROM sessions WHERE campaign_id = ?')
      .bind(id)
      .first<{ n: number }>();
    expect(count?.n).toBe(0);
  });
});

describe('PATCH /api/admin/slots/:id', () => {
  async function fullSlotWithQueue() {
    const staff = await organizer();
    const id = await createPublished(staff.cookie);
    const created = await call(`/api/admin/campaigns/${id}/sessions`, {
      body: sessionBody({ slots: [{ role: '学员', capacity: 1, waitlist: true }] }),
      cookie: staff.cookie,
    });
    const slotId = ((await created.json()) as { session: { slots: { id: string }[] } }).session.slots[0]!.id;
    const people = [];
    for (let i = 0; i < 4; i++) {
      const citizen = await signInCitizen();
      const response = await call(`/api/slots/${slotId}/registrations`, {
        body: { name: `居民${i}` },
        cookie: citizen.cookie,
      });
      expect(response.status).toBe(201);
      people.push({
        ...citizen,
        registration: ((await response.json()) as { registration: { id: string; status: string } }).registration,
      });
    }
    return { staff, slotId, people };
  }

  it('raising the capacity confirms waiting people in their order', async () => {
    const { staff, slotId, people } = await fullSlotWithQueue();
    expect(people.map((p) => p.registration.status)).toEqual(['confirmed', 'waitlisted', 'waitlisted', 'waitlisted']);
    const response = await call(`/api/admin/slots/${slotId}`, {
      method: 'PATCH',
      body: { capacity: 3 },
      cookie: staff.cookie,
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { slot: unknown }).slot).toMatchObject({
      capacity: 3,
      taken: 3,
      remaining: 0,
      waiting: 1,
    });
    const statuses = await env.DB.prepare('SELECT status FROM registrations WHERE slot_id = ? ORDER BY arrival')
      .bind(slotId)
      .all<{ status: string }>();
    expect(statuses.results.map((row) => row.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted']);
  });

  it('refuses a capacity below the confirmed count with 409 and changes nothing', async () => {
    const { staff, slotId } = await fullSlotWithQueue();
    await call(`/api/admin/slots/${slotId}`, { method: 'PATCH', body: { capacity: 2 }, cookie: staff.cookie });
    const response = await call(`/api/admin/slots/${slotId}`, {
      method: 'PATCH',
      body: { capacity: 1 },
      cookie: staff.cookie,
    });
    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe('capacity_below_taken');
    const slot = await env.DB.prepare('SELECT capacity FROM slots WHERE id = ?')
      .bind(slotId)
      .first<{ capacity: number }>();
    expect(slot?.capacity).toBe(2);
  });

  it("answers 404 for another organization's slot and 400 for bad values", async () => {
    const { slotId } = await fullSlotWithQueue();
    const stranger = await organizer();
    expect(
      (await call(`/api/admin/slots/${slotId}`, { method: 'PATCH', body: { capacity: 10 }, cookie: stranger.cookie }))
        .status,
    ).toBe(404);
    const admin = await signInStaff('admin');
    const bad = await call(`/api/admin/slots/${slotId}`, {
      method: 'PATCH',
      body: { capacity: 'ten', waitlist: 'yes' },
      cookie: admin.cookie,
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues?.map((issue) => issue.path).sort()).toEqual(['capacity', 'waitlist']);
  });
});
