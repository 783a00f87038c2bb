// Hands queued outbox rows to the notifications queue. A request that knows what it queued (a
// sign-up's confirmation, a cancellation's promotions) sends those keys straight after its
// response; organizer writes, which may queue notifications for many people, hand over whatever is queued;
// the cron sweeps up anything left behind. The consumer's claim makes a key sent twice harmless.
import type { Context } from 'hono';
import { database } from '../db/client.ts';
import { takeForHandover } from '../db/notifications.ts';
import type { AppEnv, Bindings } from '../env.ts';
import type { NotificationMessage } from './deliver.ts';

// Queues take at most 100 messages per sendBatch.
const HANDOVER_BATCH = 100;

/** The queue's messages for these keys, each naming the city whose database holds its row. */
const messagesOf = (env: Bindings, keys: string[]) =>
  keys.map((key): { body: NotificationMessage } => ({ body: env.CITY ? { key, city: env.CITY } : { key } }));

export async function relayNotifications(env: Bindings, now = Date.now()) {
  const queue = env.NOTIFICATIONS;
  if (!queue) return 0;
  const db = database(env.DB);
  let handed = 0;
  for (;;) {
    const keys = await takeForHandover(db, HANDOVER_BATCH, now);
    if (keys.length === 0) return handed;
    await queue.sendBatch(messagesOf(env, keys));
    handed += keys.length;
    if (keys.length < HANDOVER_BATCH) return handed;
  }
}

/**
 * After the response: the notifications this request queued, by their dedupe keys, onto the queue.
 * Sends ride together: while one request's send is under way, the keys of the requests answered
 * meanwhile wait in this isolate and go with the next send, one sendBatch for many sign-ups. A
 * quiet isolate sends each key at once; a busy one sends as often as the queue answers, not once
 * per request (per request, the hand-over cost the sign-up a third of its throughput: docs/benchmarks.md).
 */
export function sendAfterResponse<E extends AppEnv>(c: Context<E>, keys: string[]) {
  const queue = c.env.NOTIFICATIONS;
  if (!queue || keys.length === 0) return;
  const handover = handovers.get(queue) ?? { waiting: [], sending: false };
  handovers.set(queue, handover);
  handover.waiting.push(...messagesOf(c.env, keys));
  if (handover.sending) return; // the send under way takes these with its next batch
  handover.sending = true;
  c.executionCtx.waitUntil(sendWaiting(queue, handover, c.get('requestId')));
}

interface Handover {
  waiting: { body: NotificationMessage }[];
  sending: boolean;
}

// Per queue binding, what waits in this isolate for the send under way to end. Kept in memory
// only: an isolate that goes away takes its waiting keys along, and the cron's sweep sends them.
const handovers = new WeakMap<Queue<NotificationMessage>, Handover>();

// One request carries the sends of others for at most this long, well inside the runtime's 30 s
// of work after a response; then it sends what waits and stops, and the next request starts anew.
const CARRY_MS = 5_000;

async function sendWaiting(queue: Queue<NotificationMessage>, handover: Handover, requestId: string) {
  const until = Date.now() + CARRY_MS;
  for (;;) {
    const messages = handover.waiting.splice(0);
    // Checked and cleared in one step, with nothing in between: a key added after it starts a send of its own.
    if (messages.length === 0 || Date.now() > until) handover.sending = false;
    for (let i = 0; i < messages.length; i += HANDOVER_BATCH) {
      await queue.sendBatch(messages.slice(i, i + HANDOVER_BATCH)).catch((error: unknown) => {
        // The cron's sweep sends them later.
        console.error(
          JSON.stringify({
            event: 'notifications_send_failed',
            requestId,
            name: error instanceof Error ? error.name : 'Error',
          }),
        );
      });
    }
    if (!handover.sending) return;
  }
}
