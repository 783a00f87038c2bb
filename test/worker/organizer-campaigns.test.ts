import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { InferRequestType } from 'hono/client';
import { call, createOrganization, errorOf, signInCitizen, signInStaff, signUp, testClient } from './helpers.ts';

const campaigns = (cookie?: string) => testClient({ ...(cookie && { cookie }) }).admin.campaigns;
type NewCampaign = InferRequestType<ReturnType<typeof campaigns>['$post']>['json'];
type NewSession = InferRequestType<ReturnType<typeof campaigns>[':id']['sessions']['$post']>['json'];

/** The campaign as the public sees it. */
const publicCampaign = (id: string) => testClient().campaigns[':id'].$get({ param: { id } });
const createCampaign = (cookie: string, json: NewCampaign) => campaigns(cookie).$post({ json });
const editCampaign = (
  cookie: string,
  id: string,
  json: InferRequestType<ReturnType<typeof campaigns>[':id']['$patch']>['json'],
) => campaigns(cookie)[':id'].$patch({ param: { id }, json });
const addSession = (cookie: string, id: string, json: NewSession) =>
  campaigns(cookie)[':id'].sessions.$post({ param: { id }, json });
const changeSlot = (cookie: string, id: string, json: { capacity?: number; waitlist?: boolean }) =>
  testClient({ cookie }).admin.slots[':id'].$patch({ param: { id }, json });

const campaignBody = (overrides: Partial<NewCampaign> = {}): NewCampaign => ({
  kind: 'cpr_training',
  title: '企业急救培训',
  description: '学习胸外按压和 AED 的使用。',
  startsOn: '2099-05-01',
  endsOn: '2099-05-31',
  ...overrides,
});

const sessionBody = (overrides: Partial<NewSession> = {}): NewSession => ({
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

async function createPublished(cookie: string, overrides: Partial<NewCampaign> = {}) {
  const response = await createCampaign(cookie, campaignBody({ status: 'published', ...overrides }));
  expect(response.status).toBe(201);
  return (await response.json()).campaign.id;
}

describe('POST /api/admin/campaigns', () => {
  it("creates a draft in the organizer's own organization, hidden from the public", async () => {
    const { cookie, organizationId } = await organizer();
    const response = await createCampaign(
      cookie,
      campaignBody({
        eligibility: { minAge: 16 },
        questions: [
          { key: 'company', label: '单位', type: 'text', required: true },
          { key: 'size', label: '尺码', type: 'choice', options: ['S', 'M'] },
        ],
      }),
    );
    expect(response.status).toBe(201);
    const { campaign } = await response.json();
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
    expect((await publicCampaign(campaign.id)).status).toBe(404);
  });

  it('applies the donor rules to blood drives unless told otherwise', async () => {
    const { cookie } = await organizer();
    const id = await createPublished(cookie, { kind: 'blood_drive' });
    const { campaign } = await (await publicCampaign(id)).json();
    expect(campaign.eligibility).toEqual({ donorRules: true });
  });

  it('makes an admin name an existing organization', async () => {
    const { cookie } = await signInStaff('admin');
    const missing = await createCampaign(cookie, campaignBody());
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).issues?.[0]?.path).toBe('organizationId');
    const unknown = await createCampaign(cookie, campaignBody({ organizationId: 'nope' }));
    expect(unknown.status).toBe(400);
    const organizationId = await createOrganization();
    const created = await createCampaign(cookie, campaignBody({ organizationId }));
    expect(created.status).toBe(201);
  });

  it('refuses an organizer creating in another organization, check-in staff and citizens', async () => {
    const { cookie } = await organizer();
    const other = await createOrganization();
    expect((await createCampaign(cookie, campaignBody({ organizationId: other }))).status).toBe(403);
    const checkin = await signInStaff('checkin', await createOrganization());
    expect((await createCampaign(checkin.cookie, campaignBody())).status).toBe(403);
    const citizen = await signInCitizen();
    expect((await createCampaign(citizen.cookie, campaignBody())).status).toBe(401);
  });

  it('names every bad field', async () => {
    const { cookie } = await organizer();
    // Fields of the wrong type, which the typed client would not send.
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
    const duplicate = await createCampaign(
      cookie,
      campaignBody({
        questions: [
          { key: 'a', label: 'A', type: 'text' },
          { key: 'a', label: 'B', type: 'number' },
        ],
      }),
    );
    expect(duplicate.status).toBe(400);
    const noOptions = await createCampaign(
      cookie,
      campaignBody({ questions: [{ key: 'a', label: 'A', type: 'choice' }] }),
    );
    expect(noOptions.status).toBe(400);
  });
});

describe('PATCH and GET /api/admin/campaigns', () => {
  it('publishes, edits and closes a campaign', async () => {
    const { cookie } = await organizer();
    const created = await createCampaign(cookie, campaignBody());
    const { id } = (await created.json()).campaign;

    const published = await editCampaign(cookie, id, { status: 'published', title: '新标题' });
    expect(published.status).toBe(200);
    expect((await published.json()).campaign).toMatchObject({
      title: '新标题',
      status: 'published',
    });
    expect((await publicCampaign(id)).status).toBe(200);

    const badDates = await editCampaign(cookie, id, { endsOn: '2099-04-01' });
    expect(badDates.status).toBe(400);
    expect((await errorOf(badDates)).issues?.[0]?.path).toBe('endsOn');

    await editCampaign(cookie, id, { status: 'closed' });
    expect((await publicCampaign(id)).status).toBe(404);
  });

  it('never lets two racing edits cross the dates', async () => {
    const { cookie } = await organizer();
    const id = await createPublished(cookie);
    // Each edit is fine alone (May 1–31); together they would end before they start.
    const [later, earlier] = await Promise.all([
      editCampaign(cookie, id, { startsOn: '2099-05-20' }),
      editCampaign(cookie, id, { endsOn: '2099-05-10' }),
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

    const { items } = await (await campaigns(mine.cookie).$get({ query: {} })).json();
    expect(items.map((item) => item.id)).toContain(myId);
    expect(items.map((item) => item.id)).not.toContain(theirId);

    expect((await campaigns(mine.cookie)[':id'].$get({ param: { id: theirId } })).status).toBe(404);
    expect((await editCampaign(mine.cookie, theirId, { title: 'x' })).status).toBe(404);
    expect((await addSession(mine.cookie, theirId, sessionBody())).status).toBe(404);
    const title = await env.DB.prepare('SELECT title FROM campaigns WHERE id = ?')
      .bind(theirId)
      .first<{ title: string }>();
    expect(title?.title).toBe('企业急救培训');

    const admin = await signInStaff('admin');
    const all = await (await campaigns(admin.cookie).$get({ query: {} })).json();
    expect(all.items.map((item) => item.id)).toEqual(expect.arrayContaining([myId, theirId]));
  });
});

describe('POST /api/admin/campaigns/:id/sessions', () => {
  it('adds a session with its slots in one step', async () => {
    const { cookie } = await organizer();
    const id = await createPublished(cookie);
    const response = await addSession(cookie, id, sessionBody());
    expect(response.status).toBe(201);
    const { session } = await response.json();
    expect(session.startsAt).toBe('2099-05-10T09:00:00+08:00');
    expect(session.slots.map(({ role, capacity, waitlist }) => ({ role, capacity, waitlist }))).toEqual([
      { role: '学员', capacity: 2, waitlist: true },
      { role: '助教', capacity: 1, waitlist: false },
    ]);
    const { campaign } = await (await publicCampaign(id)).json();
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
      const response = await addSession(cookie, id, body);
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
    const created = await addSession(
      staff.cookie,
      id,
      sessionBody({ slots: [{ role: '学员', capacity: 1, waitlist: true }] }),
    );
    const slotId = (await created.json()).session.slots[0]!.id;
    const people = [];
    for (let i = 0; i < 4; i++) {
      const citizen = await signInCitizen();
      const response = await signUp(citizen.cookie, slotId, { name: `居民${i}` });
      expect(response.status).toBe(201);
      people.push({ ...citizen, registration: (await response.json()).registration });
    }
    return { staff, slotId, people };
  }

  it('raising the capacity confirms waiting people in their order', async () => {
    const { staff, slotId, people } = await fullSlotWithQueue();
    expect(people.map((p) => p.registration.status)).toEqual(['confirmed', 'waitlisted', 'waitlisted', 'waitlisted']);
    const response = await changeSlot(staff.cookie, slotId, { capacity: 3 });
    expect(response.status).toBe(200);
    expect((await response.json()).slot).toMatchObject({
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
    await changeSlot(staff.cookie, slotId, { capacity: 2 });
    const response = await changeSlot(staff.cookie, slotId, { capacity: 1 });
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
    expect((await changeSlot(stranger.cookie, slotId, { capacity: 10 })).status).toBe(404);
    const admin = await signInStaff('admin');
    // Values of the wrong type, which the typed client would not send.
    const bad = await call(`/api/admin/slots/${slotId}`, {
      method: 'PATCH',
      body: { capacity: 'ten', waitlist: 'yes' },
      cookie: admin.cookie,
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues?.map((issue) => issue.path).sort()).toEqual(['capacity', 'waitlist']);
  });
});
