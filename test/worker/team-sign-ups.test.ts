// Team sign-ups (团体献血) by consent: a contact holds seats of a slot for a team, all or none, and
// nobody is booked or texted by it; each member joins from the invitation link with their own
// sign-up and every rule of an individual sign-up; seats nobody claimed return to the slot at
// joinUntil through the scheduled handler, and the waiting list moves up into them.
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { InferRequestType } from 'hono/client';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { NOTIFICATIONS_CRON } from '../../worker/crons.ts';
import worker from '../../worker/index.ts';
import { createCampaign, type SlotFixture } from './fixtures.ts';
import {
  type AnyResponse,
  BOOKING_CODE,
  call,
  errorOf,
  newPhone,
  type Registration,
  signUp as signUpFor,
  testClient,
} from './helpers.ts';
import { invariantViolations } from './invariants.ts';
import { DONOR, quickCitizen, quickStaff } from './world.ts';

type Citizen = Awaited<ReturnType<typeof quickCitizen>>;

const STARTS_AT = Date.parse('2099-04-10T09:00:00+08:00');
const SESSION = {
  startsAt: new Date(STARTS_AT).toISOString(),
  endsAt: new Date(STARTS_AT + 3 * 3600_000).toISOString(),
};

interface Group {
  id: string;
  code: string;
  seats: number;
  joined: number;
  joinUntil: string;
  status: 'open' | 'closed';
}

async function slot(fixture: SlotFixture, kind: 'blood_drive' | 'cpr_training' = 'cpr_training', session = SESSION) {
  const campaign = await createCampaign({ kind, sessions: [{ ...session, slots: [fixture] }] });
  return {
    campaignId: campaign.id,
    organizationId: campaign.organizationId,
    sessionId: campaign.sessionIds[0]!,
    slotId: campaign.slotIds[0]!,
  };
}

const holdBody = (contact: Citizen, seats: number) => ({
  organization: '聊城市某公司',
  contactName: '王经理',
  contactPhone: contact.phone,
  seats,
});

const holdSeats = (slotId: string, contact: Pick<Citizen, 'cookie'>, json: ReturnType<typeof holdBody>) =>
  testClient({ ...(contact.cookie && { cookie: contact.cookie }) }).slots[':slotId'].groups.$post({
    param: { slotId },
    json,
  });
const hold = (slotId: string, contact: Citizen, seats: number) => holdSeats(slotId, contact, holdBody(contact, seats));

async function held(response: AnyResponse): Promise<Group> {
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { group: Group }).group;
}

const groups = (cookie?: string, headers: Record<string, string> = {}) =>
  testClient({ ...(cookie && { cookie }), headers }).groups[':code'];
type JoinBody = InferRequestType<ReturnType<typeof groups>['registrations']['$post']>['json'];

const join = (
  code: string,
  member: Pick<Citizen, 'cookie'>,
  json: JoinBody = { name: '成员' },
  headers: Record<string, string> = {},
) => groups(member.cookie, headers).registrations.$post({ param: { code }, json });

async function joined(response: AnyResponse): Promise<Registration> {
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { registration: Registration }).registration;
}

async function refused(response: AnyResponse, status: number, code: string) {
  expect(response.status, await response.clone().text()).toBe(status);
  const error = await errorOf(response);
  expect(error.code).toBe(code);
  return error;
}

const signUp = (slotId: string, citizen: Pick<Citizen, 'cookie'>) =>
  signUpFor(citizen.cookie, slotId, { name: '个人' });
const admin = (cookie: string) => testClient({ cookie }).admin;

async function publicSlot(campaignId: string, slotId: string) {
  const { campaign } = await (await testClient().campaigns[':id'].$get({ param: { id: campaignId } })).json();
  return campaign.sessions.flatMap((session) => session.slots).find((candidate) => candidate.id === slotId)!;
}

const rows = async <T>(query: string, ...values: unknown[]) =>
  (
    await env.DB.prepare(query)
      .bind(...values)
      .all<T>()
  ).results;

const many = (count: number) => Promise.all(Array.from({ length: count }, () => quickCitizen()));

// Organizer writes hand the texts queued so far to the notifications queue, whose consumer sends
// them in the background: the file ends once every text handed over is settled, so that no
// delivery outlives the test environment.
afterAll(async () => {
  await vi.waitFor(
    async () => {
      const [pending] = await rows<{ n: number }>(
        `SELECT count(*) AS n FROM notifications
         WHERE status = 'sending' OR (status = 'queued' AND handed_at IS NOT NULL)`,
      );
      expect(pending!.n).toBe(0);
    },
    { timeout: 10_000, interval: 100 },
  );
});

/** The 10-minute cron, through the Worker's own scheduled handler. */
async function tick(at: number) {
  const controller = { scheduledTime: at, cron: NOTIFICATIONS_CRON, noRetry() {} } as ScheduledController;
  await worker.scheduled(controller, { ...env, NOTIFICATIONS: undefined } as typeof env, createExecutionContext());
}

describe('holding seats for a team (POST /api/slots/:slotId/groups)', () => {
  it('holds the seats, books and texts nobody, and answers with the invitation code', async () => {
    const { campaignId, slotId } = await slot({ role: '献血者', capacity: 10 });
    const contact = await quickCitizen();
    const group = await held(await hold(slotId, contact, 4));
    expect(group).toEqual({
      id: expect.any(String),
      code: expect.stringMatching(BOOKING_CODE),
      seats: 4,
      joined: 0,
      joinUntil: '2099-04-09T09:00:00+08:00', // a day before the session
      status: 'open',
    });
    expect(await rows('SELECT id FROM registrations WHERE slot_id = ?', slotId)).toEqual([]);
    expect(await rows('SELECT id FROM notifications WHERE person_id = ?', contact.personId)).toEqual([]);
    expect(await publicSlot(campaignId, slotId)).toMatchObject({ taken: 4, held: 4, remaining: 6 });
  });

  it('holds all the seats or none: 409 slot_full when they do not all fit', async () => {
    const { campaignId, slotId } = await slot({ role: '学员', capacity: 10, waitlist: true });
    await held(await hold(slotId, await quickCitizen(), 6));
    await refused(await hold(slotId, await quickCitizen(), 5), 409, 'slot_full');
    expect(await rows('SELECT id FROM registration_groups WHERE slot_id = ?', slotId)).toHaveLength(1);
    await held(await hold(slotId, await quickCitizen(), 4));
    expect(await publicSlot(campaignId, slotId)).toMatchObject({ taken: 10, remaining: 0 });
  });

  it('counts held seats as taken for everyone else: individuals wait, capacity cannot drop below them', async () => {
    const { campaignId, organizationId, slotId } = await slot({ role: '学员', capacity: 3, waitlist: true });
    await held(await hold(slotId, await quickCitizen(), 2));
    const [first, second] = await many(2);
    expect((await joined(await signUp(slotId, first!))).status).toBe('confirmed');
    expect((await joined(await signUp(slotId, second!))).status).toBe('waitlisted');
    // No team can hold a seat while someone waits, and no capacity cut can squeeze the team.
    await refused(await hold(slotId, await quickCitizen(), 1), 409, 'slot_full');
    const organizer = await quickStaff('organizer', organizationId);
    const patch = (capacity: number) =>
      admin(organizer.cookie).slots[':id'].$patch({ param: { id: slotId }, json: { capacity } });
    await refused(await patch(2), 409, 'capacity_below_taken');
    expect((await patch(3)).status).toBe(200);
    expect(await publicSlot(campaignId, slotId)).toMatchObject({ taken: 3, held: 2, remaining: 0 });
  });

  it('takes the contact as the person signed in: another phone is refused and nothing is stored', async () => {
    const { slotId } = await slot({ role: '学员', capacity: 10 });
    const contact = await quickCitizen();
    const stranger = newPhone();
    const error = await refused(
      await holdSeats(slotId, contact, { ...holdBody(contact, 2), contactPhone: stranger }),
      400,
      'validation_failed',
    );
    expect(error.issues).toEqual([{ path: 'contactPhone', message: expect.any(String) }]);
    expect(await rows('SELECT id FROM people WHERE phone = ?', stranger)).toEqual([]);
    expect(await rows('SELECT id FROM registration_groups WHERE slot_id = ?', slotId)).toEqual([]);
  });

  it('no longer takes a member list: the old body books nobody and stores no one', async () => {
    const { slotId } = await slot({ role: '学员', capacity: 10 });
    const contact = await quickCitizen();
    const phones = [newPhone(), newPhone()];
    // call(): the old body, with a member list and without seats, which the typed client would not send.
    const error = await refused(
      await call(`/api/slots/${slotId}/groups`, {
        body: {
          organization: '某公司',
          contactName: '王经理',
          contactPhone: contact.phone,
          members: phones.map((phone) => ({ name: '成员', phone })),
        },
        cookie: contact.cookie,
      }),
      400,
      'validation_failed',
    );
    expect(error.issues!.map((issue) => issue.path)).toEqual(['seats']);
    expect(await rows(`SELECT id FROM people WHERE phone IN (?, ?)`, ...phones)).toEqual([]);
    expect(await rows('SELECT id FROM registrations WHERE slot_id = ?', slotId)).toEqual([]);
  });

  it('caps what one citizen holds: 1–50 seats a team, 50 in all, one open team per slot', async () => {
    const first = await slot({ role: '学员', capacity: 200 });
    const second = await slot({ role: '学员', capacity: 200 });
    const contact = await quickCitizen();
    for (const seats of [0, 51, 2.5]) {
      const error = await refused(await hold(first.slotId, contact, seats), 400, 'validation_failed');
      expect(error.issues!.map((issue) => issue.path)).toEqual(['seats']);
    }
    await held(await hold(first.slotId, contact, 30));
    await refused(await hold(first.slotId, contact, 5), 409, 'group_exists');
    await refused(await hold(second.slotId, contact, 21), 409, 'hold_limit_reached');
    await held(await hold(second.slotId, contact, 20));
    expect(
      await rows('SELECT sum(seats) AS seats FROM registration_groups WHERE contact_person_id = ?', contact.personId),
    ).toEqual([{ seats: 50 }]);
  });

  it('needs a sign-in and an open slot', async () => {
    const { slotId } = await slot({ role: '学员', capacity: 10 });
    const contact = await quickCitizen();
    await refused(await holdSeats(slotId, { cookie: '' }, holdBody(contact, 1)), 401, 'unauthenticated');
    await refused(await hold(crypto.randomUUID(), contact, 1), 404, 'not_found');
    const past = await createCampaign({
      sessions: [
        {
          startsAt: '2020-01-01T09:00:00+08:00',
          endsAt: '2020-01-01T10:00:00+08:00',
          slots: [{ role: '学员', capacity: 5 }],
        },
      ],
    });
    await refused(await hold(past.slotIds[0]!, contact, 1), 409, 'registration_closed');
  });
});

describe('the invitation link (GET /api/groups/:code)', () => {
  it('shows the drive, time, place and seats to anyone, and member names only to the contact', async () => {
    const { slotId } = await slot({ role: '献血者', capacity: 10 });
    const contact = await quickCitizen();
    const group = await held(await hold(slotId, contact, 3));
    const member = await quickCitizen();
    await joined(await join(group.code, member, { name: '李成员' }));

    const invitation = { param: { code: group.code } };
    const anyone = await (await groups().$get(invitation)).json();
    expect(anyone.group).toEqual({
      code: group.code,
      organization: '聊城市某公司',
      seats: 3,
      joined: 1,
      joinUntil: group.joinUntil,
      status: 'open',
      campaign: { id: expect.any(String), title: expect.any(String), kind: 'cpr_training' },
      session: {
        id: expect.any(String),
        startsAt: '2099-04-10T09:00:00+08:00',
        endsAt: '2099-04-10T12:00:00+08:00',
        venue: '会场',
        address: '地址',
      },
      slot: { id: slotId, role: '献血者' },
    });
    const seenByMember = await (await groups(member.cookie).$get(invitation)).text();
    for (const text of [JSON.stringify(anyone), seenByMember]) {
      expect(text).not.toContain('李成员');
      expect(text).not.toContain('王经理');
      expect(text).not.toContain(contact.phone);
      expect(text).not.toContain(member.phone);
    }
    const seenByContact = await (await groups(contact.cookie).$get(invitation)).json();
    expect(seenByContact.group.members).toEqual([{ name: '李成员', status: 'confirmed' }]);
    const mine = await (await testClient({ cookie: contact.cookie }).me.groups.$get()).json();
    expect(mine.items).toEqual([expect.objectContaining({ code: group.code, seats: 3, joined: 1 })]);

    await refused(await groups().$get({ param: { code: 'NOSUCH23' } }), 404, 'not_found');
  });
});

describe('joining a team (POST /api/groups/:code/registrations)', () => {
  it('puts a member in one of the held seats, with every rule of an individual sign-up', async () => {
    // Soon enough for the donor's age to count as it is today.
    const soon = Date.now() + 20 * 24 * 3600_000;
    const { campaignId, slotId } = await slot({ role: '献血者', capacity: 10 }, 'blood_drive', {
      startsAt: new Date(soon).toISOString(),
      endsAt: new Date(soon + 3600_000).toISOString(),
    });
    const group = await held(await hold(slotId, await quickCitizen(), 3));
    const member = await quickCitizen();

    // The blood drive's ID number (and weight) are asked of a member as of anyone.
    const invalid = await refused(await join(group.code, member, { name: '李献血' }), 400, 'validation_failed');
    expect(invalid.issues!.map((issue) => issue.path)).toContain('idNumber');
    const tooLight: AnyResponse = await join(group.code, member, { ...DONOR, weightKg: 40 }); // an error's body
    const ineligible = (await tooLight.json()) as {
      error: { code: string; reasons: { code: string; message: string }[] };
    };
    expect(ineligible.error.code).toBe('ineligible');
    expect(ineligible.error.reasons).toEqual([{ code: 'weight', message: expect.stringContaining('50') }]);

    const key = crypto.randomUUID();
    const registration = await joined(await join(group.code, member, DONOR, { 'idempotency-key': key }));
    expect(registration).toMatchObject({ status: 'confirmed', slotId, code: expect.stringMatching(BOOKING_CODE) });
    // A retry hears the same answer; a second sign-up for the slot is refused.
    expect(await joined(await join(group.code, member, DONOR, { 'idempotency-key': key }))).toEqual(registration);
    await refused(await join(group.code, member, DONOR), 409, 'already_registered');
    await refused(await signUpFor(member.cookie, slotId, DONOR), 409, 'already_registered');

    expect(
      await rows('SELECT group_id, id_number_encrypted IS NOT NULL AS id FROM registrations WHERE slot_id = ?', slotId),
    ).toEqual([{ group_id: group.id, id: 1 }]);
    // The member's seat was the team's: the slot's count is unchanged.
    expect(await publicSlot(campaignId, slotId)).toMatchObject({ taken: 3, held: 2, remaining: 7 });
    // The member is texted their own confirmation, as for any sign-up.
    expect(await rows('SELECT kind FROM notifications WHERE person_id = ?', member.personId)).toEqual([
      { kind: 'confirmed' },
    ]);
  });

  it('needs the member signed in, and refuses a full team (group_full) and a closed one (group_closed)', async () => {
    const { slotId } = await slot({ role: '学员', capacity: 10 });
    const group = await held(await hold(slotId, await quickCitizen(), 1));
    await refused(await join(group.code, { cookie: '' }), 401, 'unauthenticated');
    await joined(await join(group.code, await quickCitizen()));
    await refused(await join(group.code, await quickCitizen()), 409, 'group_full');

    const later = await held(await hold(slotId, await quickCitizen(), 2));
    await env.DB.prepare('UPDATE registration_groups SET join_until = ? WHERE id = ?')
      .bind(Date.now() - 1, later.id)
      .run();
    await refused(await join(later.code, await quickCitizen()), 409, 'group_closed');
  });

  it("race: 50 members join a team of 20 at once → 20 join, 30 hear group_full, the slot's other seats untouched", async () => {
    const { campaignId, slotId } = await slot({ role: '学员', capacity: 30 });
    const group = await held(await hold(slotId, await quickCitizen(), 20));
    const members = await many(50);
    // Any answer: the client's status type holds only the route's own (201), not the refusals.
    const responses: AnyResponse[] = await Promise.all(members.map((member) => join(group.code, member)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(20);
    expect(statuses.filter((status) => status === 409)).toHaveLength(30);
    for (const response of responses.filter((r) => r.status === 409))
      expect((await errorOf(response)).code).toBe('group_full');
    expect(
      await rows('SELECT count(*) AS n FROM registrations WHERE group_id = ? AND status = ?', group.id, 'confirmed'),
    ).toEqual([{ n: 20 }]);
    expect(await publicSlot(campaignId, slotId)).toMatchObject({ taken: 20, held: 0, remaining: 10 });
    // The ten other seats are still anyone's.
    const others = await many(11);
    const own = await Promise.all(others.map((citizen) => signUp(slotId, citizen)));
    expect(own.map((response) => response.status).sort()).toEqual([...Array(10).fill(201), 409]);
    expect(await invariantViolations()).toEqual([]);
  }, 30_000);

  it("gives a cancelled member's seat back to the team while it is open, not to the waiting list", async () => {
    const { campaignId, slotId } = await slot({ role: '学员', capacity: 2, waitlist: true });
    const group = await held(await hold(slotId, await quickCitizen(), 1));
    const member = await quickCitizen();
    const registration = await joined(await join(group.code, member));
    await joined(await signUp(slotId, await quickCitizen()));
    const waiting = await quickCitizen();
    expect((await joined(await signUp(slotId, waiting))).status).toBe('waitlisted');

    const cancelled = await testClient({ cookie: member.cookie }).registrations[':id'].cancel.$post({
      param: { id: registration.id },
    });
    expect(cancelled.status).toBe(200);
    expect(await rows('SELECT status FROM registrations WHERE person_id = ?', waiting.personId)).toEqual([
      { status: 'waitlisted' },
    ]);
    expect(await publicSlot(campaignId, slotId)).toMatchObject({ taken: 2, held: 1 });
    await joined(await join(group.code, await quickCitizen()));
  });
});

describe('seats nobody claimed return to the slot at joinUntil (scheduled housekeeping)', () => {
  it('closes the team, promotes the waiting list into its free seats and audits it, on the first tick at or after joinUntil', async () => {
    const { campaignId, slotId } = await slot({ role: '学员', capacity: 5, waitlist: true });
    const group = await held(await hold(slotId, await quickCitizen(), 4));
    const members = await many(2);
    for (const member of members) await joined(await join(group.code, member));
    await joined(await signUp(slotId, await quickCitizen()));
    const queue = await many(3);
    for (const citizen of queue) expect((await joined(await signUp(slotId, citizen))).status).toBe('waitlisted');
    const joinUntil = Date.parse(group.joinUntil);
    const statusOf = async () =>
      (await rows<{ status: string }>('SELECT status FROM registration_groups WHERE id = ?', group.id))[0]!.status;

    await tick(joinUntil - 60_000);
    expect(await statusOf()).toBe('open');
    expect(await publicSlot(campaignId, slotId)).toMatchObject({ taken: 5, held: 2 });

    await tick(joinUntil);
    expect(await statusOf()).toBe('closed');
    const waitingNow = await rows<{ person_id: string; status: string }>(
      `SELECT person_id, status FROM registrations WHERE slot_id = ? AND person_id IN (?, ?, ?) ORDER BY arrival`,
      slotId,
      ...queue.map((citizen) => citizen.personId),
    );
    expect(waitingNow.map((row) => row.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    expect(await publicSlot(campaignId, slotId)).toMatchObject({ taken: 5, held: 0 });
    expect(await rows('SELECT staff_id, action, detail FROM audit_log WHERE target_id = ?', group.id)).toEqual([
      { staff_id: null, action: 'group.release', detail: JSON.stringify({ seats: 4, joined: 2, released: 2 }) },
    ]);
    // The promoted hear of it.
    expect(
      await rows(
        `SELECT count(*) AS n FROM notifications WHERE kind = 'promoted' AND person_id IN (?, ?)`,
        queue[0]!.personId,
        queue[1]!.personId,
      ),
    ).toEqual([{ n: 2 }]);

    // A late or repeated tick changes nothing more; members keep their seats; nobody joins after.
    await tick(joinUntil + 600_000);
    expect(await rows('SELECT count(*) AS n FROM audit_log WHERE target_id = ?', group.id)).toEqual([{ n: 1 }]);
    expect(
      await rows('SELECT count(*) AS n FROM registrations WHERE group_id = ? AND status = ?', group.id, 'confirmed'),
    ).toEqual([{ n: 2 }]);
    await refused(await join(group.code, await quickCitizen()), 409, 'group_closed');
    expect(await invariantViolations()).toEqual([]);
  });

  it('keeps joining open until the session starts when it starts within a day', async () => {
    const startsAt = Math.floor(Date.now() / 1000) * 1000 + 6 * 3600_000;
    const campaign = await createCampaign({
      sessions: [
        {
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(startsAt + 3600_000).toISOString(),
          slots: [{ role: '学员', capacity: 5 }],
        },
      ],
      startsOn: '2000-01-01',
    });
    const group = await held(await hold(campaign.slotIds[0]!, await quickCitizen(), 2));
    expect(Date.parse(group.joinUntil)).toBe(startsAt);
  });
});

describe('organizers and teams', () => {
  it("list a campaign's teams, see each sign-up's team in the roster, and may hold more seats for a team", async () => {
    const { campaignId, organizationId, slotId } = await slot({ role: '学员', capacity: 100, waitlist: true });
    const group = await held(await hold(slotId, await quickCitizen(), 3));
    const member = await quickCitizen();
    await joined(await join(group.code, member, { name: '李成员' }));
    const organizer = await quickStaff('organizer', organizationId);

    const campaign = admin(organizer.cookie).campaigns[':id'];
    const list = await (await campaign.groups.$get({ param: { id: campaignId } })).json();
    expect(list.items).toEqual([
      {
        id: group.id,
        code: group.code,
        organization: '聊城市某公司',
        contactName: '王经理',
        seats: 3,
        joined: 1,
        joinUntil: group.joinUntil,
        status: 'open',
        session: { id: expect.any(String), startsAt: '2099-04-10T09:00:00+08:00', venue: '会场' },
        slot: { id: slotId, role: '学员' },
      },
    ]);
    const roster = await (await campaign.registrations.$get({ param: { id: campaignId }, query: {} })).json();
    expect(roster.items).toEqual([
      expect.objectContaining({ name: '李成员', group: { id: group.id, organization: '聊城市某公司' } }),
    ]);

    // Beyond a citizen's cap, audited; never below the members who joined.
    const patch = (json: { seats: number }) =>
      admin(organizer.cookie).groups[':id'].$patch({ param: { id: group.id }, json });
    const raised = await patch({ seats: 80 });
    expect(raised.status, await raised.clone().text()).toBe(200);
    expect((await raised.json()).group).toMatchObject({ seats: 80, joined: 1 });
    await refused(await patch({ seats: 0 }), 409, 'seats_below_joined');
    await refused(await patch({ seats: 200 }), 409, 'slot_full');
    expect(await rows(`SELECT action FROM audit_log WHERE target_id = ?`, group.id)).toEqual([
      { action: 'group.update' },
    ]);

    // Giving seats back promotes the waiting list in the same step.
    const fill = await many(20);
    for (const citizen of fill) await joined(await signUp(slotId, citizen));
    const waiting = await quickCitizen();
    expect((await joined(await signUp(slotId, waiting))).status).toBe('waitlisted');
    expect((await patch({ seats: 10 })).status).toBe(200);
    expect(await rows('SELECT status FROM registrations WHERE person_id = ?', waiting.personId)).toEqual([
      { status: 'confirmed' },
    ]);
    // And the person moved up hears of it.
    expect(await rows('SELECT kind FROM notifications WHERE person_id = ?', waiting.personId)).toEqual([
      { kind: 'promoted' },
    ]);

    const stats = await (await campaign.stats.$get({ param: { id: campaignId } })).json();
    expect(stats.stats.held).toBe(9);
    expect(await invariantViolations()).toEqual([]);
  });

  it('cancelling the session closes its teams', async () => {
    const { organizationId, sessionId, slotId } = await slot({ role: '学员', capacity: 10 });
    const group = await held(await hold(slotId, await quickCitizen(), 3));
    const organizer = await quickStaff('organizer', organizationId);
    const cancelled = await admin(organizer.cookie).sessions[':id'].cancel.$post({ param: { id: sessionId } });
    expect(cancelled.status, await cancelled.clone().text()).toBe(200);
    expect(await rows('SELECT status FROM registration_groups WHERE id = ?', group.id)).toEqual([{ status: 'closed' }]);
  });
});

describe('organizers hold seats for a team themselves (POST /api/admin/campaigns/:id/groups)', () => {
  const organizersHold = (
    campaignId: string,
    cookie: string,
    json: { slotId: string; organization: string; seats: number },
  ) => testClient({ cookie }).admin.campaigns[':id'].groups.$post({ param: { id: campaignId }, json });

  it('stores only the team name, audits the hold, and members join from its invitation as from any team', async () => {
    const { campaignId, organizationId, slotId } = await slot({ role: '献血者', capacity: 100, waitlist: true });
    const organizer = await quickStaff('organizer', organizationId);
    // Beyond what one citizen may hold: organizers have no cap.
    const response = await organizersHold(campaignId, organizer.cookie, { slotId, organization: '某工厂', seats: 60 });
    expect(response.status, await response.clone().text()).toBe(201);
    const { group } = await response.json();
    expect(group).toEqual({
      id: expect.any(String),
      code: expect.stringMatching(BOOKING_CODE),
      organization: '某工厂',
      contactName: null,
      seats: 60,
      joined: 0,
      joinUntil: '2099-04-09T09:00:00+08:00', // a day before the session, as a contact's hold
      status: 'open',
      session: { id: expect.any(String), startsAt: '2099-04-10T09:00:00+08:00', venue: '会场' },
      slot: { id: slotId, role: '献血者' },
    });
    expect(
      await rows(
        'SELECT contact_person_id, contact_name, contact_phone FROM registration_groups WHERE id = ?',
        group.id,
      ),
    ).toEqual([{ contact_person_id: null, contact_name: null, contact_phone: null }]);
    expect(
      await rows('SELECT staff_id, campaign_id, action, detail FROM audit_log WHERE target_id = ?', group.id),
    ).toEqual([{ staff_id: organizer.staffId, campaign_id: campaignId, action: 'group.hold', detail: '{"seats":60}' }]);
    expect(await publicSlot(campaignId, slotId)).toMatchObject({ taken: 60, held: 60, remaining: 40 });

    // A member joins from the link; nobody is the contact, so nobody sees the names from it.
    const member = await quickCitizen();
    await joined(await join(group.code, member, { name: '李成员' }));
    const seen = await (await groups(member.cookie).$get({ param: { code: group.code } })).text();
    expect(seen).not.toContain('李成员');
    expect(JSON.parse(seen).group).toMatchObject({ organization: '某工厂', seats: 60, joined: 1 });
    const teams = testClient({ cookie: organizer.cookie }).admin.campaigns[':id'].groups;
    const list = await (await teams.$get({ param: { id: campaignId } })).json();
    expect(list.items).toEqual([expect.objectContaining({ id: group.id, contactName: null, joined: 1 })]);

    // Unclaimed seats return at joinUntil, as any team's.
    await tick(Date.parse(group.joinUntil));
    expect(await publicSlot(campaignId, slotId)).toMatchObject({ taken: 1, held: 0, remaining: 99 });
    expect(await invariantViolations()).toEqual([]);
  });

  it("does not count toward a citizen's cap, and a contact's holds do not count toward it either", async () => {
    const { campaignId, organizationId, slotId } = await slot({ role: '学员', capacity: 200 });
    const admin = await quickStaff('admin');
    const organizer = await quickStaff('organizer', organizationId);
    const first = await organizersHold(campaignId, organizer.cookie, { slotId, organization: '甲公司', seats: 50 });
    expect(first.status).toBe(201);
    // Another team of the same slot, by an admin.
    expect((await organizersHold(campaignId, admin.cookie, { slotId, organization: '乙公司', seats: 50 })).status).toBe(
      201,
    );
    // A citizen still holds their full 50 here.
    await held(await hold(slotId, await quickCitizen(), 50));
  });

  it('holds all or none, once per team name and slot, only in an open session of its own campaign', async () => {
    const { campaignId, organizationId, slotId } = await slot({ role: '学员', capacity: 10 });
    const organizer = await quickStaff('organizer', organizationId);
    const body = { slotId, organization: '某公司', seats: 6 };
    expect((await organizersHold(campaignId, organizer.cookie, body)).status).toBe(201);
    // A retry of the same hold: refused, not held twice.
    await refused(await organizersHold(campaignId, organizer.cookie, body), 409, 'group_name_taken');
    await refused(
      await organizersHold(campaignId, organizer.cookie, { ...body, organization: '另一公司', seats: 5 }),
      409,
      'slot_full',
    );
    expect(await rows('SELECT count(*) AS n FROM registration_groups WHERE slot_id = ?', slotId)).toEqual([{ n: 1 }]);
    expect(
      await rows(
        `SELECT count(*) AS n FROM audit_log WHERE action = 'group.hold'
      AND campaign_id = ?`,
        campaignId,
      ),
    ).toEqual([{ n: 1 }]);

    // Another campaign's slot, another organization's campaign: not there.
    const other = await slot({ role: '学员', capacity: 10 });
    await refused(
      await organizersHold(campaignId, organizer.cookie, { ...body, slotId: other.slotId }),
      404,
      'not_found',
    );
    await refused(
      await organizersHold(other.campaignId, organizer.cookie, { ...body, slotId: other.slotId }),
      404,
      'not_found',
    );
    const past = await createCampaign({
      organizationId,
      sessions: [
        {
          startsAt: '2020-01-01T09:00:00+08:00',
          endsAt: '2020-01-01T10:00:00+08:00',
          slots: [{ role: '学员', capacity: 5 }],
        },
      ],
    });
    await refused(
      await organizersHold(past.id, organizer.cookie, { ...body, slotId: past.slotIds[0]! }),
      409,
      'registration_closed',
    );
    const bad = await organizersHold(campaignId, organizer.cookie, { slotId, organization: ' ', seats: 0 });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues?.map((issue) => issue.path).sort()).toEqual(['organization', 'seats']);
  });
});
