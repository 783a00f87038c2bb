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

/** After the response: the notifications this request queued, by their dedupe keys, onto the queue. */
export function sendAfterResponse<E extends AppEnv>(c: Context<E>, keys: string[]) {
  const queue = c.env.NOTIFICATIONS;
  if (!queue || keys.length === 0) return;
  const requestId = c.get('requestId');
  c.executionCtx.waitUntil(
    queue.sendBatch(messagesOf(c.env, keys)).catch((error: unknown) => {
      // The cron's sweep sends it later.
      console.error(
        JSON.stringify({
          event: 'notifications_send_failed',
          requestId,
          name: error instanceof Error ? error.name : 'Error',
        }),
      );
    }),
  );
}
