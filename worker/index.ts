import { app } from './app.ts';
import { database } from './db/client.ts';
import { deleteExpiredSessions } from './db/auth-sessions.ts';
import { deleteStaleCodes } from './db/otp-codes.ts';
import { deleteExpiredWindows } from './db/rate-limits.ts';
import type { Bindings } from './env.ts';

export default {
  fetch: app.fetch,
  // Daily housekeeping: expired sessions, old sign-in codes and rate-limit windows.
  async scheduled(_controller, env) {
    const db = database(env.DB);
    await Promise.all([deleteExpiredSessions(db), deleteStaleCodes(db), deleteExpiredWindows(db)]);
  },
} satisfies ExportedHandler<Bindings>;
