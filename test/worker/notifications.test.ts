import { env } from 'cloudflare:workers';
import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { NOTIFICATIONS_CRON } from '../../worker/crons.ts';
import { app } from '../../worker/app.ts';
import worker from '../../worker/index.ts';
import { database } from '../../worker/db/client.ts';
import { backoffSeconds, deliver, MAX_ATTEMPTS, type NotificationMessage } from '../../worker/notifications/deliver.ts';
import { chinaDateTime, addDays, chinaDay } from '../../worker/domain/china-time.ts';
import type { SmsSender } from '../../worker/lib/sms.ts';
import {
  BASE,
  fetchWorker,
  createOrganization,
  newAddress,
  newPhone,
  signInCitizen,
  signInStaff,
  type Registration,
  signUp as signUpFor,
  testClient,
} from './helpers.ts';
import { addRegistrations, createCampaign } from './fixtures.ts';

const DAY = 86_400_000;
const inDays = (days: number) => ({
  startsAt: new Date(Date.now() + days * DAY).toISOString(),
  endsAt: new Date(Date.now() + days * DAY + 3_600_000).toISOString(),
});

interface Row {
  id: string;
  key: string;
  kind: string;
  status: string;
  attempts: number;
  last_error: string | null;
  person_id: string;
  registration_id: string | null;
}

const signUp = (slotId: string, cookie: string, name: string) => signUpFor(cookie, slotId, { name });
const cancel = (id: string, cookie: string) =>
  testClient({ cookie }).registrations[':id'].cancel.$post({ param: { id } });
const admin = (cookie: string) => testClient({ cookie }).admin;
const patchMe = (cookie: string, json: { reminders?: boolean; quizNudges?: boolean }) =>
  testClient({ cookie }).me.$patch({ json });

const notificationsFor = async (where: string, ...values: unknown[]) =>
  (
    await env.DB.prepare(
      `SELECT id, dedupe_key AS key, kind, status, attempts, last_error, person_id, registration_id FROM notifications WHERE ${where} ORDER BY created_at`,
    )
      .bind(...values)
      .all<Row>()
  ).results;

/** A sender that records what it was given, failing the first `failures` times. */
function recordingSender(failures = 0) {
  const sent: { phone: string; text: string; key?: string }[] = [];
  let calls = 0;
  const sender: SmsSender = {
    async send(phone, text, key) {
      calls++;
      if (calls <= failures) {
        const error = new Error(`gateway refused ${phone}`);
        error.name = 'SmsDeliveryError';
        throw error;
      }
      sent.push({ phone, text, ...(key && { key }) });
    },
  };
  return { sender, sent, calls: () => calls };
}

/** An outbox row the relay will not pick up (already handed over), for driving the consumer by hand; its key. */
async function handedOverNotice(personId: string, kind = 'quiz_nudge', organizationId: string | null = null) {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    `INSERT INTO notifications (id, person_id, kind, organization_id, dedupe_key, handed_at) VALUES (?, ?, ?, ?, ?, ?)`,
  )
    .bind(id, personId, kind, organizationId, `test:${id}`, Date.now())
    .run();
  return `test:${id}`;
}

async function signedUp(options: { capacity?: number; waitlist?: boolean; days?: number } = {}) {
  const organizationId = await createOrganization();
  const campaign = await createCampaign({
    organizationId,
    title: '心肺复苏培训',
    sessions: [
      {
        ...inDays(options.days ?? 10),
        slots: [{ role: '学员', capacity: options.capacity ?? 5, waitlist: options.waitlist ?? false }],
      },
    ],
  });
  const citizen = await signInCitizen();
  const response = await signUp(campaign.slotIds[0]!, citizen.cookie, '王学员');
  expect(response.status).toBe(201);
  const { registration } = await response.json();
  return { organizationId, campaign, citizen, registration };
}

describe('the outbox', () => {
  it('queues one confirmation per sign-up and delivers it through the queue', async () => {
    const { registration, citizen } = await signedUp();
    const rows = await notificationsFor('registration_id = ?', registration.id);
    expect(rows.map((row) => [row.kind, row.person_id])).toEqual([['confirmed', citizen.personId]]);
    // The write's own request handed it to the queue; the queue's consumer sends it.
    await vi.waitFor(
      async () => expect((await notificationsFor('registration_id = ?', registration.id))[0]!.status).toBe('sent'),
      { timeout: 15_000, interval: 100 },
    );
  });

  it('hands a crowd’s confirmations to the queue together, each once, while a send is under way', async () => {
    const { campaign } = await signedUp({ capacity: 10 });
    const crowd = await Promise.all([1, 2, 3, 4, 5].map(() => signInCitizen()));
    // A queue whose first send hangs until released, as a slow one would.
    const batches: string[][] = [];
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const queue = {
      async sendBatch(batch: Iterable<{ body: NotificationMessage }>) {
        batches.push([...batch].map(({ body }) => body.key));
        if (batches.length === 1) await released;
      },
    } as unknown as Queue<NotificationMessage>;
    const bindings = { ...env, NOTIFICATIONS: queue };
    const signUp = (cookie: string) =>
      new Request(`${BASE}/api/slots/${campaign.slotIds[0]}/registrations`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'cf-connecting-ip': newAddress() },
        body: JSON.stringify({ name: '王学员' }),
      });
    const keyOf = async (response: Response) =>
      `confirmed:${((await response.json()) as { registration: Registration }).registration.id}`;

    // The first sign-up's request sends its key at once and carries the sends of those answered meanwhile.
    const carrier = createExecutionContext();
    const first = await keyOf(await app.fetch(signUp(crowd[0]!.cookie), bindings, carrier));
    const meanwhile = await Promise.all(
      crowd.slice(1, 4).map(async ({ cookie }) => keyOf(await fetchWorker(signUp(cookie), bindings))),
    );
    expect(batches).toEqual([[first]]);
    release();
    await waitOnExecutionContext(carrier);
    expect(batches).toEqual([[first], meanwhile]);

    // With nothing under way, the next sign-up sends its own at once.
    const last = await keyOf(await fetchWorker(signUp(crowd[4]!.cookie), bindings));
    expect(batches).toEqual([[first], meanwhile, [last]]);
  });

  it('queues one promotion for the person a cancellation moves up, however many cancel at once', async () => {
    const { campaign, citizen, registration } = await signedUp({ capacity: 1, waitlist: true });
    const waiting = await Promise.all([1, 2].map(() => signInCitizen()));
    const queued: Registration[] = [];
    for (const person of waiting) {
      const response = await signUp(campaign.slotIds[0]!, person.cookie, '候补');
      queued.push((await response.json()).registration);
    }
    const cancels = await Promise.all([1, 2, 3].map(() => cancel(registration.id, citizen.cookie)));
    expect(cancels.filter((response) => response.status === 200)).toHaveLength(1);
    const promotions = await notificationsFor(
      `kind = 'promoted' AND registration_id IN (?, ?)`,
      queued[0]!.id,
      queued[1]!.id,
    );
    expect(promotions.map((row) => row.registration_id)).toEqual([queued[0]!.id]);
    expect(
      await notificationsFor(`kind = 'confirmed' AND registration_id IN (?, ?)`, queued[0]!.id, queued[1]!.id),
    ).toEqual([]);
  });

  it('queues a promotion for exactly the people a capacity raise seats, in their order', async () => {
    const { organizationId, campaign } = await signedUp({ capacity: 1, waitlist: true });
    const queued: Registration[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await signUp(campaign.slotIds[0]!, (await signInCitizen()).cookie, '候补');
      queued.push((await response.json()).registration);
    }
    const organizer = await signInStaff('organizer', organizationId);
    const raised = await admin(organizer.cookie).slots[':id'].$patch({
      param: { id: campaign.slotIds[0]! },
      json: { capacity: 3 },
    });
    expect(raised.status).toBe(200);
    const ids = queued.map((registration) => registration.id);
    // Both rows come from one statement, so share a created_at: compared as a set.
    const rows = await notificationsFor(`registration_id IN (?, ?, ?)`, ...ids);
    expect(rows.map((row) => `${row.kind}:${row.registration_id}`).sort()).toEqual(
      [`promoted:${ids[0]}`, `promoted:${ids[1]}`].sort(),
    );
  });

  it('are written by the code that makes the change, not by triggers in the database', async () => {
    const triggers = await env.DB.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all();
    expect(triggers.results).toEqual([]);
  });

  it('tells everyone signed up when the organizer moves or cancels the session', async () => {
    const { organizationId, campaign, registration } = await signedUp();
    const organizer = await signInStaff('organizer', organizationId);
    const session = admin(organizer.cookie).sessions[':id'];
    const param = { id: campaign.sessionIds[0]! };
    const moved = await session.$patch({ param, json: { venue: '市体育馆' } });
    expect(moved.status, await moved.clone().text()).toBe(200);
    const cancelled = await session.cancel.$post({ param });
    expect(cancelled.status).toBe(200);
    expect((await session.cancel.$post({ param })).status).toBe(409);
    const rows = await notificationsFor('registration_id = ?', registration.id);
    expect(rows.map((row) => row.kind)).toEqual(['confirmed', 'session_changed', 'session_cancelled']);
    const status = await env.DB.prepare('SELECT status FROM registrations WHERE id = ?')
      .bind(registration.id)
      .first<{ status: string }>();
    expect(status?.status).toBe('cancelled');
    // The public no longer sees the session, and nobody can sign up for it.
    const page = await (await testClient().campaigns[':id'].$get({ param: { id: campaign.id } })).json();
    expect(page.campaign.sessions).toEqual([]);
    const late = await signUp(campaign.slotIds[0]!, (await signInCitizen()).cookie, '迟到');
    expect(late.status).toBe(409);
  });
});

describe('the queue consumer', () => {
  it('sends in the person’s language with the message id as the gateway key, once, however often the batch comes', async () => {
    const { registration, citizen } = await signedUp();
    await env.DB.prepare(`UPDATE people SET language = 'en' WHERE id = ?`).bind(citizen.personId).run();
    const [row] = await notificationsFor('registration_id = ?', registration.id);
    // Whatever the background consumer did, put it back to queued and deliver by hand.
    await env.DB.prepare(`UPDATE notifications SET status = 'queued', claimed_at = NULL WHERE id = ?`)
      .bind(row!.id)
      .run();
    const { sender, sent } = recordingSender();
    const db = database(env.DB);
    expect(await deliver(db, row!.key, sender)).toEqual({ ack: true });
    expect(await deliver(db, row!.key, sender)).toEqual({ ack: true });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ phone: citizen.phone, key: row!.id });
    expect(sent[0]!.text).toContain(`Booking code ${registration.code}`);
    expect(sent[0]!.text).toContain('心肺复苏培训');
  });

  it('reminds a blood drive’s donors how to prepare, and a class’s students of the class alone', async () => {
    const organizationId = await createOrganization();
    const texts: Record<string, string> = {};
    for (const kind of ['blood_drive', 'cpr_training'] as const) {
      const campaign = await createCampaign({
        organizationId,
        kind,
        sessions: [{ ...inDays(1), slots: [{ role: '献血者', capacity: 5 }] }],
      });
      await addRegistrations(campaign.slotIds[0]!, ['confirmed']);
      const registration = await env.DB.prepare('SELECT id, person_id FROM registrations WHERE slot_id = ?')
        .bind(campaign.slotIds[0])
        .first<{ id: string; person_id: string }>();
      const key = `reminder:${registration!.id}`;
      await env.DB.prepare(
        `INSERT INTO notifications (id, person_id, kind, organization_id, registration_id, dedupe_key, handed_at)
         VALUES (?, ?, 'reminder', ?, ?, ?, ?)`,
      )
        .bind(crypto.randomUUID(), registration!.person_id, organizationId, registration!.id, key, Date.now())
        .run();
      const { sender, sent } = recordingSender();
      expect(await deliver(database(env.DB), key, sender)).toEqual({ ack: true });
      texts[kind] = sent[0]!.text;
      // The reminders test below counts every reminder of this file.
      await env.DB.prepare('DELETE FROM notifications WHERE dedupe_key = ?').bind(key).run();
    }
    expect(texts.blood_drive).toContain('带上身份证');
    expect(texts.cpr_training).not.toContain('身份证');
    expect(texts.cpr_training).toMatch(/^【.+】提醒：明天 /);
  });

  it('retries a failing gateway with growing delays, then marks the message failed without quoting the number', async () => {
    const citizen = await signInCitizen();
    await env.DB.prepare(`UPDATE people SET quiz_nudges = 1 WHERE id = ?`).bind(citizen.personId).run();
    const key = await handedOverNotice(citizen.personId);
    const { sender, calls } = recordingSender(Infinity);
    const db = database(env.DB);
    const outcomes = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) outcomes.push(await deliver(db, key, sender));
    expect(outcomes).toEqual([
      ...[1, 2, 3, 4].map((attempt) => ({ ack: false, retryAfterSec: backoffSeconds(attempt) })),
      { ack: true },
    ]);
    expect(calls()).toBe(MAX_ATTEMPTS);
    const [row] = await notificationsFor('dedupe_key = ?', key);
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: 'SmsDeliveryError' });
    // A late redelivery of the failed message sends nothing more.
    expect(await deliver(db, key, sender)).toEqual({ ack: true });
    expect(calls()).toBe(MAX_ATTEMPTS);
  });

  it('a message that fails once goes out on the retry', async () => {
    const citizen = await signInCitizen();
    await env.DB.prepare(`UPDATE people SET quiz_nudges = 1 WHERE id = ?`).bind(citizen.personId).run();
    const key = await handedOverNotice(citizen.personId);
    const { sender, sent } = recordingSender(1);
    const db = database(env.DB);
    expect(await deliver(db, key, sender)).toEqual({ ack: false, retryAfterSec: 30 });
    expect(await deliver(db, key, sender)).toEqual({ ack: true });
    expect(sent).toHaveLength(1);
    expect((await notificationsFor('dedupe_key = ?', key))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('sends a text whose answer was lost again with the same key, for the gateway to drop', async () => {
    const citizen = await signInCitizen();
    await env.DB.prepare(`UPDATE people SET quiz_nudges = 1 WHERE id = ?`).bind(citizen.personId).run();
    const key = await handedOverNotice(citizen.personId);
    // The gateway got the first request, but its answer never came back in time (the webhook
    // gives up after 10 s): the text goes again, with the key it had.
    const received: (string | undefined)[] = [];
    const sender: SmsSender = {
      async send(_phone, _text, textKey) {
        received.push(textKey);
        if (received.length === 1) throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      },
    };
    const db = database(env.DB);
    expect(await deliver(db, key, sender)).toEqual({ ack: false, retryAfterSec: 30 });
    expect(await deliver(db, key, sender)).toEqual({ ack: true });
    expect(received).toHaveLength(2);
    expect(received[0]).toBeTruthy();
    expect(received[1]).toBe(received[0]);
    expect((await notificationsFor('dedupe_key = ?', key))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('acknowledges or retries each message of a queue batch', async () => {
    const citizen = await signInCitizen();
    await env.DB.prepare(`UPDATE people SET quiz_nudges = 1 WHERE id = ?`).bind(citizen.personId).run();
    const keys = [await handedOverNotice(citizen.personId), await handedOverNotice(citizen.personId)];
    const batch = createMessageBatch<NotificationMessage>(
      'lifeline-notifications',
      keys.map((key, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body: { key } })),
    );
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(['m0', 'm1']);
    expect(result.retryMessages).toEqual([]);
    expect((await notificationsFor(`dedupe_key IN (?, ?)`, ...keys)).map((row) => row.status)).toEqual([
      'sent',
      'sent',
    ]);
  });

  it('skips what the person turned off, and confirmations of sign-ups already cancelled', async () => {
    const citizen = await signInCitizen();
    const nudge = await handedOverNotice(citizen.personId); // quiz nudges are off by default
    const { sender, sent } = recordingSender();
    expect(await deliver(database(env.DB), nudge, sender)).toEqual({ ack: true });
    expect(sent).toEqual([]);
    expect((await notificationsFor('dedupe_key = ?', nudge))[0]).toMatchObject({
      status: 'skipped',
      last_error: 'opted_out',
    });

    const { registration, citizen: booked } = await signedUp();
    expect((await cancel(registration.id, booked.cookie)).status).toBe(200);
    const [confirmation] = await notificationsFor(`registration_id = ? AND kind = 'confirmed'`, registration.id);
    await env.DB.prepare(`UPDATE notifications SET status = 'queued', claimed_at = NULL WHERE id = ?`)
      .bind(confirmation!.id)
      .run();
    expect(await deliver(database(env.DB), confirmation!.key, sender)).toEqual({ ack: true });
    expect(sent).toEqual([]);
    expect((await notificationsFor('dedupe_key = ?', confirmation!.key))[0]).toMatchObject({
      status: 'skipped',
      last_error: 'cancelled',
    });
  });
});

async function tick(at: Date) {
  await worker.scheduled(
    { cron: NOTIFICATIONS_CRON, scheduledTime: at.getTime(), noRetry() {} } as ScheduledController,
    env,
    createExecutionContext(),
  );
}

describe('texts that come due', () => {
  it('queues tomorrow’s reminders once, at the organization’s hour, for seated people who want them', async () => {
    const today = chinaDay(Date.now());
    const tomorrow = addDays(today, 1);
    const session = {
      startsAt: chinaDateTime(tomorrow, '09:00').toISOString(),
      endsAt: chinaDateTime(tomorrow, '11:00').toISOString(),
    };
    const organizationId = await createOrganization();
    const campaign = await createCampaign({
      organizationId,
      sessions: [{ ...session, slots: [{ role: '学员', capacity: 2, waitlist: true }] }],
    });
    const other = await createCampaign({ sessions: [{ ...session, slots: [{ role: '学员', capacity: 5 }] }] }); // reminds at 18:00
    const organizer = await signInStaff('organizer', organizationId);
    const set = await admin(organizer.cookie).organizations[':id'].$patch({
      param: { id: organizationId },
      json: { reminderHour: 7 },
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ organization: { id: organizationId, reminderHour: 7 } });

    const people = await Promise.all([1, 2, 3, 4].map(() => signInCitizen()));
    const optedOut = people[1]!;
    expect((await patchMe(optedOut.cookie, { reminders: false })).status).toBe(200);
    const book = (person: { cookie: string }, slotId: string) => signUp(slotId, person.cookie, '学员');
    for (const person of people.slice(0, 3)) expect((await book(person, campaign.slotIds[0]!)).status).toBe(201); // the third waits
    expect((await book(people[3]!, other.slotIds[0]!)).status).toBe(201);

    await tick(chinaDateTime(today, '06:55'));
    expect(await notificationsFor(`kind = 'reminder'`)).toEqual([]);
    await tick(chinaDateTime(today, '07:00'));
    await tick(chinaDateTime(today, '07:10'));
    const reminders = await notificationsFor(`kind = 'reminder'`);
    expect(reminders.map((row) => row.person_id)).toEqual([people[0]!.personId]);
  });

  it('reminds a person moved to another session of that one too, once', async () => {
    const today = chinaDay(Date.now());
    const at = (day: string) => ({
      startsAt: chinaDateTime(day, '09:00').toISOString(),
      endsAt: chinaDateTime(day, '11:00').toISOString(),
    });
    const campaign = await createCampaign({
      sessions: [
        { ...at(addDays(today, 1)), slots: [{ role: '学员', capacity: 5 }] },
        { ...at(addDays(today, 4)), slots: [{ role: '学员', capacity: 5 }] },
      ],
    }); // its organization reminds at 18:00
    const citizen = await signInCitizen();
    const booked = await signUp(campaign.slotIds[0]!, citizen.cookie, '学员');
    expect(booked.status).toBe(201);
    const { registration } = await booked.json();
    const remindersOf = () => notificationsFor(`kind = 'reminder' AND registration_id = ?`, registration.id);

    await tick(chinaDateTime(today, '18:00'));
    expect(await remindersOf()).toHaveLength(1);
    // The evening before, they move to the later session: its eve reminds them again, once.
    const moved = await testClient({ cookie: citizen.cookie }).registrations[':id'].move.$post({
      param: { id: registration.id },
      json: { slotId: campaign.slotIds[1]! },
    });
    expect(moved.status).toBe(200);
    await tick(chinaDateTime(today, '18:10'));
    expect(await remindersOf()).toHaveLength(1);
    await tick(chinaDateTime(addDays(today, 3), '18:00'));
    await tick(chinaDateTime(addDays(today, 3), '18:10'));
    expect((await remindersOf()).map((row) => row.key)).toEqual([
      `reminder:${registration.id}:${campaign.sessionIds[0]}`,
      `reminder:${registration.id}:${campaign.sessionIds[1]}`,
    ]);
  });

  it('nudges opted-in players who have not played today, once, at 19:00', async () => {
    const today = chinaDay(Date.now());
    const organizationId = await createOrganization();
    const campaign = await createCampaign({
      kind: 'quiz',
      organizationId,
      startsOn: '2000-01-01',
      endsOn: '2099-12-31',
    });
    const seasonId = crypto.randomUUID();
    await env.DB.prepare(
      `INSERT INTO quiz_seasons (id, campaign_id, starts_on, ends_on, questions_per_day, time_limit_sec, points_per_correct) VALUES (?, ?, ?, ?, 5, 60, 10)`,
    )
      .bind(seasonId, campaign.id, addDays(today, -3), addDays(today, 3))
      .run();
    const players = await Promise.all([1, 2, 3].map(() => signInCitizen()));
    for (const [i, player] of players.entries()) {
      await env.DB.prepare(
        `INSERT INTO quiz_players (season_id, person_id, name, district, score, time_ms, days_played, finished_at) VALUES (?, ?, '张三', '冠县', 10, 1000, 1, ?)`,
      )
        .bind(seasonId, player.personId, Date.now())
        .run();
      if (i < 2) expect((await patchMe(player.cookie, { quizNudges: true })).status).toBe(200);
    }
    // The second has played today already.
    await env.DB.prepare(
      `INSERT INTO quiz_attempts (id, season_id, person_id, day, question_ids, started_at, deadline) VALUES (?, ?, ?, ?, '[]', ?, ?)`,
    )
      .bind(crypto.randomUUID(), seasonId, players[1]!.personId, today, Date.now(), Date.now() + 60_000)
      .run();
    await tick(chinaDateTime(today, '18:50'));
    await tick(chinaDateTime(today, '19:00'));
    await tick(chinaDateTime(today, '19:10'));
    const nudged = await notificationsFor(
      `kind = 'quiz_nudge' AND person_id IN (?, ?, ?)`,
      ...players.map((player) => player.personId),
    );
    expect(nudged.map((row) => row.person_id)).toEqual([players[0]!.personId]);
  });
});

describe('preferences', () => {
  it('turns reminders and quiz nudges on and off, and texts follow the language of the last sign-in', async () => {
    const citizen = await signInCitizen();
    const changed = await patchMe(citizen.cookie, { reminders: false, quizNudges: true });
    expect((await changed.json()).person).toMatchObject({
      reminders: false,
      quizNudges: true,
    });
    const language = (personId: string) =>
      env.DB.prepare('SELECT language FROM people WHERE id = ?').bind(personId).first<{ language: string }>();
    expect((await language(citizen.personId))?.language).toBe('zh-CN');
    const phone = newPhone();
    const inEnglish = () => testClient({ headers: { 'accept-language': 'en' }, address: newAddress() }).auth;
    const sent = await inEnglish().otp.$post({ json: { phone } });
    const { devCode } = (await sent.json()) as { devCode: string }; // the tests' Worker hands out its dev code
    const verified = await inEnglish().verify.$post({ json: { phone, code: devCode } });
    const { person } = await verified.json();
    expect((await language(person.id))?.language).toBe('en');
  });
});

describe('GET /api/admin/notifications', () => {
  it('shows organizers their own organization’s texts and their state, phones masked', async () => {
    const { organizationId, registration, citizen } = await signedUp();
    await signedUp(); // another organization's
    const organizer = await signInStaff('organizer', organizationId);
    const response = await admin(organizer.cookie).notifications.$get({ query: {} });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.items.map((item) => [item.kind, item.registrationId])).toEqual([['confirmed', registration.id]]);
    expect(body.items[0]!.to.phone).toBe(`${citizen.phone.slice(0, 3)}****${citizen.phone.slice(-4)}`);
    expect(Object.values(body.counts).reduce((a, b) => a + b, 0)).toBe(1);
    expect(
      (await admin((await signInStaff('checkin', organizationId)).cookie).notifications.$get({ query: {} })).status,
    ).toBe(403);
  });
});
