// The notifications queue's consumer: claims each message, decides whether it is still wanted,
// sends it through the SmsSender and settles it. A message goes out once: a redelivered or
// retried queue message finds its row settled (or claimed) and is acknowledged unsent.
import { claim, messageFacts, settle, type MessageFacts } from '../db/notifications.ts';
import type { Database } from '../db/client.ts';
import { notificationText } from '../domain/notification-texts.ts';
import type { SmsSender } from '../lib/sms.ts';

export interface NotificationMessage {
  id: string;
}

/** Tries per message before it is marked failed; the queue's own max_retries is higher. */
export const MAX_ATTEMPTS = 5;

/** 30 s, 1 min, 2 min, 4 min … at most an hour. */
export const backoffSeconds = (attempts: number) => Math.min(3600, 30 * 2 ** (attempts - 1));

/** Why a message is no longer wanted when its time comes, or null to send it. */
function reasonToSkip(facts: MessageFacts): string | null {
  switch (facts.kind) {
    case 'reminder':
      return !facts.reminders ? 'opted_out' : facts.registrationStatus !== 'confirmed' ? 'not_confirmed' : null;
    case 'quiz_nudge':
      return facts.quizNudges ? null : 'opted_out';
    case 'callout':
      return facts.emergencyDonor ? null : 'opted_out';
    case 'confirmed':
    case 'promoted':
      // Confirmations always go, unless the sign-up was cancelled before the text left.
      return facts.registrationStatus === 'cancelled' ? 'cancelled' : null;
    default:
      return null;
  }
}

export type Outcome = { ack: true } | { ack: false; retryAfterSec: number };

export async function deliver(db: Database, id: string, sender: SmsSender, now = Date.now()): Promise<Outcome> {
  const claimed = await claim(db, id, now);
  if (!claimed) return { ack: true };
  const facts = (await messageFacts(db, id)) as MessageFacts | undefined;
  if (!facts) return { ack: true };
  const skip = reasonToSkip(facts);
  if (skip) {
    await settle(db, id, now, { status: 'skipped', error: skip });
    return { ack: true };
  }
  try {
    await sender.send(facts.phone, notificationText(facts.kind, { ...facts, organization: facts.organization ?? '' }, facts.language), id);
  } catch (error) {
    // The error's class only: a gateway's message may quote the number.
    const name = error instanceof Error ? error.name : 'Error';
    const failed = claimed.attempts >= MAX_ATTEMPTS;
    await settle(db, id, now, { status: failed ? 'failed' : 'queued', error: name });
    return failed ? { ack: true } : { ack: false, retryAfterSec: backoffSeconds(claimed.attempts) };
  }
  await settle(db, id, now, { status: 'sent' });
  return { ack: true };
}

/** The queue handler's body: every message of the batch delivered, acknowledged or retried. */
export async function deliverBatch(db: Database, batch: MessageBatch<NotificationMessage>, sender: SmsSender) {
  for (const message of batch.messages) {
    const outcome = await deliver(db, message.body.id, sender);
    if (outcome.ack) message.ack();
    else message.retry({ delaySeconds: outcome.retryAfterSec });
  }
}
