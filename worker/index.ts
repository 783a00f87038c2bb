import { app } from './app.ts';
import { database } from './db/client.ts';
import { deleteExpiredSessions } from './db/auth-sessions.ts';
import { markNoShows, quizTotalsDrift } from './db/housekeeping.ts';
import { deleteStaleCodes } from './db/otp-codes.ts';
import { deleteExpiredWindows } from './db/rate-limits.ts';
import type { Bindings } from './env.ts';

export default {
  fetch: app.fetch,
  // Nightly housekeeping (the cron in wrangler.toml): expired sessions, old sign-in codes and
  // rate-limit windows go; no-shows are marked where organizers chose so; quiz totals are checked.
  // The scheduled time is the clock, so a late or repeated run decides as the planned one would.
  async scheduled(controller, env) {
    const now = controller.scheduledTime;
    const db = database(env.DB);
    await Promise.all([deleteExpiredSessions(db, now), deleteStaleCodes(db, now), deleteExpiredWindows(db, now)]);
    const noShows = await markNoShows(db, now);
    const drift = await quizTotalsDrift(db);
    console.log(JSON.stringify({ event: 'housekeeping', cron: controller.cron, noShows, quizTotalsDrift: drift.length }));
    // Season ids and counts only: which players drifted is for whoever repairs it to look up.
    if (drift.length) console.warn(JSON.stringify({ event: 'quiz_totals_drift', seasons: drift }));
  },
} satisfies ExportedHandler<Bindings>;
