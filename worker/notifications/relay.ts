// Hands queued outbox rows to the notifications queue: right after any write that may have
// queued some (in the background), and from the cron as a sweep for anything left behind.
import { database } from '../db/client.ts';
import { takeForHandover } from '../db/notifications.ts';
import type { Bindings } from '../env.ts';

// Queues take at most 100 messages per sendBatch.
const HANDOVER_BATCH = 100;

export async function relayNotifications(env: Bindings, now = Date.now()) {
  const queue = env.NOTIFICATIONS;
  if (!queue) return 0;
  const db = database(env.DB);
  let handed = 0;
  for (;;) {
    const ids = await takeForHandover(db, HANDOVER_BATCH, now);
    if (ids.length === 0) return handed;
    await queue.sendBatch(ids.map((id) => ({ body: { id } })));
    handed += ids.length;
    if (ids.length < HANDOVER_BATCH) return handed;
  }
}
