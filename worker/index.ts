import { app } from './app.ts';
import { envOfCity, forEveryCity } from './cities.ts';
import { NOTIFICATIONS_CRON } from './crons.ts';
import { database } from './db/client.ts';
import { deleteExpiredLogins } from './db/logins.ts';
import { deleteExpiredDonorCards } from './db/donor-record.ts';
import { markNoShows, quizTotalsDrift, repairQuizTotals } from './db/housekeeping.ts';
import { scoreOverdueAttempts } from './db/quiz-attempts.ts';
import { deleteStaleCodes } from './db/otp-codes.ts';
import { releaseDueGroups } from './db/registration-groups.ts';
import { deleteExpiredWindows } from './db/rate-limits.ts';
import type { Bindings } from './env.ts';
import { deliverBatch, type NotificationMessage } from './notifications/deliver.ts';
import { relayNotifications } from './notifications/relay.ts';
import { queueDueNotifications } from './notifications/schedule.ts';
import { smsSender } from './lib/sms.ts';

// The live quiz final's Durable Object: wrangler.toml binds QUIZ_FINAL to this class.
export { QuizFinal } from './quiz-final/game.ts';

export default {
  fetch: app.fetch,
  // The crons of wrangler.toml: every ten minutes notifications that come due, quiz attempts nobody
  // submitted by their deadline (scored with their saved answers) and groups' unclaimed seats
  // released at their joining time; the nightly housekeeping (expired
  // logins, old sign-in codes and rate-limit windows go; no-shows are marked where organizers
  // chose so; quiz totals are checked). The scheduled time is the clock, so a late or repeated
  // run decides as the planned one would. (The unused context keeps the runtime's signature, so
  // tests may call the handlers as workerd does.)
  async scheduled(controller, env, _ctx: ExecutionContext) {
    // Each city's database has its own texts, attempts and housekeeping.
    await forEveryCity(env, (cityEnv) => runCron(controller, cityEnv));
  },
  async queue(batch, env, _ctx: ExecutionContext) {
    // A message's row is in the database of the city it names.
    for (const city of new Set(batch.messages.map((message) => message.body.city))) {
      const cityEnv = envOfCity(env, city);
      const messages = batch.messages.filter((message) => message.body.city === city);
      await deliverBatch(database(cityEnv.DB), messages, smsSender(cityEnv));
    }
  },
} satisfies ExportedHandler<Bindings, NotificationMessage>;

async function runCron(controller: ScheduledController, env: Bindings) {
  const now = controller.scheduledTime;
  const db = database(env.DB);
  const city = env.CITY;
  if (controller.cron === NOTIFICATIONS_CRON) {
    // Groups whose joining closed give their unclaimed seats back first: the notifications of the people
    // promoted into them go out with this tick's.
    const groupsClosed = await releaseDueGroups(db, now);
    const due = await queueDueNotifications(db, now);
    const handed = await relayNotifications(env);
    const quizAttemptsScored = await scoreOverdueAttempts(db, now);
    console.log(
      JSON.stringify({ event: 'notifications_tick', city, ...due, handed, quizAttemptsScored, groupsClosed }),
    );
    return;
  }
  await Promise.all([
    deleteExpiredLogins(db, now),
    deleteStaleCodes(db, now),
    deleteExpiredWindows(db, now),
    deleteExpiredDonorCards(db, now),
  ]);
  const noShows = await markNoShows(db, now);
  const drift = await quizTotalsDrift(db);
  console.log(
    JSON.stringify({
      event: 'housekeeping',
      city,
      cron: controller.cron,
      noShows,
      quizTotalsDrift: drift.length,
    }),
  );
  // Season ids and counts only, never who; then each drifted season is rebuilt from its attempts.
  if (drift.length) console.warn(JSON.stringify({ event: 'quiz_totals_drift', city, seasons: drift }));
  for (const { seasonId } of drift) await repairQuizTotals(db, seasonId);
}
