// The notifications queue's consumer: claims a batch's messages, decides whether each is still
// wanted, sends it through the SmsSender and settles them. A message goes out once: a redelivered or
// retried queue message finds its row settled (or claimed) and is acknowledged unsent.
import { claim, messageFacts, settle, type MessageFacts, type Settlement } from '../db/notifications.ts';
import type { Database } from '../db/client.ts';
import { notificationText } from '../domain/notification-texts.ts';
import { windowTimes } from '../domain/windows.ts';
import type { SmsSender } from '../lib/sms.ts';

/**
 * A queue message names its outbox row by the row's dedupe key, which the sender of it knows, and
 * the city whose database holds the row (worker/cities.ts; none for the default city).
 */
export interface NotificationMessage {
  key: string;
  city?: string;
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
      // Confirmations always go, unless the registration was cancelled before the notification left.
      return facts.registrationStatus === 'cancelled' ? 'cancelled' : null;
    default:
      return null;
  }
}

/** The registration's appointment window, when the notification is about a registration whose session has windows. */
function windowOfMessage({ startsAt, endsAt, windowMinutes, windowIndex }: MessageFacts) {
  return startsAt && endsAt ? windowTimes({ startsAt, endsAt, windowMinutes }, windowIndex) : null;
}

export type Outcome = { ack: true } | { ack: false; retryAfterSec: number };

/**
 * Delivers the messages named by `keys`, in three round trips to D1 for the lot: claim, read the
 * facts, settle. Keys not claimed (settled already, or another consumer's) are acknowledged.
 */
export async function deliverMany(
  db: Database,
  keys: string[],
  sender: SmsSender,
  now = Date.now(),
): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>(keys.map((key) => [key, { ack: true }]));
  const claimed = await claim(db, keys, now);
  if (claimed.length === 0) return outcomes;
  const facts = new Map(
    (
      await messageFacts(
        db,
        claimed.map((message) => message.id),
      )
    ).map((row) => [row.id, row as MessageFacts]),
  );
  const settlements: Settlement[] = [];
  await Promise.all(
    claimed.map(async ({ id, key, attempts }) => {
      const message = facts.get(id);
      if (!message) return;
      const skip = reasonToSkip(message);
      if (skip) {
        settlements.push({ id, status: 'skipped', error: skip });
        return;
      }
      try {
        await sender.send(
          message.phone,
          notificationText(
            message.kind,
            { ...message, organization: message.organization ?? '', window: windowOfMessage(message) },
            message.language,
          ),
          id,
        );
        settlements.push({ id, status: 'sent' });
      } catch (error) {
        // The error's class only: a gateway's message may quote the number.
        const name = error instanceof Error ? error.name : 'Error';
        const failed = attempts >= MAX_ATTEMPTS;
        settlements.push({ id, status: failed ? 'failed' : 'queued', error: name });
        if (!failed) outcomes.set(key, { ack: false, retryAfterSec: backoffSeconds(attempts) });
      }
    }),
  );
  await settle(db, settlements, now);
  return outcomes;
}

/** One message: what the tests and a single redelivery use. */
export async function deliver(db: Database, key: string, sender: SmsSender, now = Date.now()): Promise<Outcome> {
  return (await deliverMany(db, [key], sender, now)).get(key)!;
}

/** The queue handler's body: one city's messages delivered together, each acknowledged or retried. */
export async function deliverBatch(
  db: Database,
  messages: MessageBatch<NotificationMessage>['messages'],
  sender: SmsSender,
) {
  const outcomes = await deliverMany(
    db,
    messages.map((message) => message.body.key),
    sender,
  );
  for (const message of messages) {
    const outcome = outcomes.get(message.body.key)!;
    if (outcome.ack) message.ack();
    else message.retry({ delaySeconds: outcome.retryAfterSec });
  }
}
