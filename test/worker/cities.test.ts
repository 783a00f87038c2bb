// One Worker, two cities (worker/cities.ts, docs/scale.md "One step simulated"): the request's host
// picks the city's D1 database, so people, organizers, campaigns, sign-ups and rate limits of one
// city are not the other's; the crons and the queue consumer work through every city's database.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { NOTIFICATIONS_CRON } from '../../worker/crons.ts';
import { addDays, chinaDateTime, chinaDay } from '../../worker/domain/china-time.ts';
import worker from '../../worker/index.ts';
import { keyedHash } from '../../worker/lib/keyed-hash.ts';
import type { NotificationMessage } from '../../worker/notifications/deliver.ts';
import {
  call,
  cookieFrom,
  createOrganization,
  createStaffMember,
  newAddress,
  newPhone,
  signInCitizen,
  staffLogin,
  testClient,
} from './helpers.ts';

/** Any host that is not in wrangler.toml's CITIES: the default city, on DB. */
const LIAOCHENG = 'http://localhost';
/** wrangler.toml's CITIES: Jinan, on DB_JINAN. */
const JINAN = 'http://jinan.localhost';
const databaseOf = (host: string) => (host === JINAN ? env.DB_JINAN! : env.DB);

/** A queue that keeps what it is given, for the consumer to be handed afterwards. */
function recordingQueue() {
  const messages: NotificationMessage[] = [];
  const queue = {
    async sendBatch(batch: Iterable<{ body: NotificationMessage }>) {
      for (const { body } of batch) messages.push(body);
    },
  } as unknown as Queue<NotificationMessage>;
  return { queue, messages };
}

/** An organizer of a new organization in the host's city, signed in there. */
async function organizerIn(host: string) {
  const organizationId = await createOrganization(undefined, databaseOf(host));
  const response = await staffLogin(await createStaffMember('organizer', organizationId, databaseOf(host)), host);
  expect(response.status).toBe(200);
  return cookieFrom(response);
}

/** A published CPR class with one session on `day` (09:00 China time), created through the API. */
async function publishedClass(host: string, cookie: string, day: string) {
  const { campaigns } = testClient({ origin: host, cookie }).admin;
  const created = await campaigns.$post({
    json: {
      kind: 'cpr_training',
      title: '急救培训',
      description: '学习心肺复苏。',
      startsOn: day,
      endsOn: day,
      status: 'published',
    },
  });
  expect(created.status).toBe(201);
  const { campaign } = await created.json();
  const session = await campaigns[':id'].sessions.$post({
    param: { id: campaign.id },
    json: {
      startsAt: `${day}T09:00:00+08:00`,
      endsAt: `${day}T11:00:00+08:00`,
      venue: '培训教室',
      address: '建设路 89 号',
      slots: [{ role: '学员', capacity: 5 }],
    },
  });
  expect(session.status).toBe(201);
  const { session: added } = await session.json();
  return { campaignId: campaign.id, slotId: added.slots[0]!.id };
}

/** The API as the holder of `cookie` (or no one) sees it at `host`. */
const at = (host: string, cookie?: string) => testClient({ origin: host, ...(cookie && { cookie }) });

const listed = async (host: string) =>
  (await (await at(host).campaigns.$get({ query: {} })).json()).items.map((item) => item.id);

const myRegistrations = async (host: string, cookie: string) =>
  (await (await at(host, cookie).me.registrations.$get()).json()).items;

const signUp = (host: string, cookie: string, slotId: string) =>
  at(host, cookie).slots[':slotId'].registrations.$post({ param: { slotId }, json: { name: '学员' } });

describe('one Worker, a database per city chosen by host', () => {
  it('serves each city its own name and districts', async () => {
    const config = async (host: string) => (await at(host).config.$get()).json();
    expect(await config(LIAOCHENG)).toMatchObject({ cityName: '聊城市', districts: expect.arrayContaining(['冠县']) });
    expect(await config(JINAN)).toMatchObject({ cityName: '济南市', districts: expect.arrayContaining(['历下区']) });
  });

  it('keeps a phone’s account, sign-ups and campaigns in the city where they were made', async () => {
    const phone = newPhone();
    const organizer = await organizerIn(JINAN);
    const { campaignId, slotId } = await publishedClass(JINAN, organizer, addDays(chinaDay(Date.now()), 7));

    const inJinan = await signInCitizen(phone, JINAN);
    const signedUp = await signUp(JINAN, inJinan.cookie, slotId);
    expect(signedUp.status).toBe(201);
    expect(await myRegistrations(JINAN, inJinan.cookie)).toHaveLength(1);
    expect(await listed(JINAN)).toContain(campaignId);

    // The same phone in Liaocheng is another account, with no sign-ups; Jinan's campaign, slot and
    // staff session are unknown there.
    const inLiaocheng = await signInCitizen(phone, LIAOCHENG);
    expect(inLiaocheng.personId).not.toBe(inJinan.personId);
    expect(await myRegistrations(LIAOCHENG, inLiaocheng.cookie)).toEqual([]);
    expect((await at(LIAOCHENG, inJinan.cookie).me.registrations.$get()).status).toBe(401);
    expect(await listed(LIAOCHENG)).not.toContain(campaignId);
    expect((await at(LIAOCHENG).campaigns[':id'].$get({ param: { id: campaignId } })).status).toBe(404);
    expect((await signUp(LIAOCHENG, inLiaocheng.cookie, slotId)).status).toBe(404);
    expect((await at(LIAOCHENG, organizer).admin.campaigns.$get({ query: {} })).status).toBe(401);

    const people = (db: D1Database) => db.prepare('SELECT id FROM people WHERE phone = ?').bind(phone).all();
    expect((await people(env.DB_JINAN!)).results).toEqual([{ id: inJinan.personId }]);
    expect((await people(env.DB)).results).toEqual([{ id: inLiaocheng.personId }]);
  });

  it('counts rate limits per city', async () => {
    // An address that has asked for its day's 500 codes in Liaocheng, as the Worker counts them.
    const address = '2001:db8:c1:7::1';
    const dayStart = Math.floor(Date.now() / 86_400_000) * 86_400_000;
    await env.DB.prepare('INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 500)')
      .bind(await keyedHash(env.HASH_KEY!, 'otp-ip-day:2001:db8:c1:7::/64'), dayStart)
      .run();
    const fromThatAddress = (host: string) =>
      testClient({ origin: host, address }).auth.otp.$post({ json: { phone: newPhone() } });
    expect((await fromThatAddress(LIAOCHENG)).status).toBe(429);
    expect((await fromThatAddress(JINAN)).status).toBe(202);

    // One code a minute per phone, counted in each city.
    const phone = newPhone();
    const forThatPhone = (host: string) =>
      testClient({ origin: host, address: newAddress() }).auth.otp.$post({ json: { phone } });
    expect((await forThatPhone(JINAN)).status).toBe(202);
    expect((await forThatPhone(JINAN)).status).toBe(429);
    expect((await forThatPhone(LIAOCHENG)).status).toBe(202);
  });

  it('queues due reminders in every city’s database on one cron run, and the consumer sends each from its own', async () => {
    const today = chinaDay(Date.now());
    const tomorrow = addDays(today, 1);
    const { queue, messages } = recordingQueue();
    const reminded: Record<string, string> = {};
    for (const host of [LIAOCHENG, JINAN]) {
      const { slotId } = await publishedClass(host, await organizerIn(host), tomorrow);
      const citizen = await signInCitizen(newPhone(), host);
      const signedUp = await call(`${host}/api/slots/${slotId}/registrations`, {
        cookie: citizen.cookie,
        body: { name: '学员' },
        bindings: { NOTIFICATIONS: queue },
      });
      expect(signedUp.status).toBe(201);
      reminded[host] = citizen.personId;
    }
    // Each sign-up's confirmation names its city: none for the default one.
    expect(messages.map((message) => message.city)).toEqual([undefined, 'jinan']);
    messages.length = 0;

    // Organizations remind at 18:00 the day before.
    await worker.scheduled(
      { cron: NOTIFICATIONS_CRON, scheduledTime: chinaDateTime(today, '18:00').getTime(), noRetry() {} },
      { ...env, NOTIFICATIONS: queue },
      createExecutionContext(),
    );
    const reminders = (host: string) =>
      databaseOf(host)
        .prepare(`SELECT dedupe_key AS key, status FROM notifications WHERE kind = 'reminder' AND person_id = ?`)
        .bind(reminded[host])
        .all<{ key: string; status: string }>();
    const [inLiaocheng, inJinan] = [(await reminders(LIAOCHENG)).results, (await reminders(JINAN)).results];
    expect(inLiaocheng).toHaveLength(1);
    expect(inJinan).toHaveLength(1);
    expect(messages).toEqual(
      expect.arrayContaining([{ key: inLiaocheng[0]!.key }, { key: inJinan[0]!.key, city: 'jinan' }]),
    );

    const batch = createMessageBatch<NotificationMessage>(
      'lifeline-notifications',
      messages.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body })),
    );
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).retryMessages).toEqual([]);
    expect((await reminders(LIAOCHENG)).results).toEqual([{ key: inLiaocheng[0]!.key, status: 'sent' }]);
    expect((await reminders(JINAN)).results).toEqual([{ key: inJinan[0]!.key, status: 'sent' }]);
  });
});
