// The cron expressions of wrangler.toml's [triggers], named for the scheduled handler and tests.
// (Not in index.ts: workerd takes every named export of the main module for an entrypoint.)

/**
 * Texts that come due (reminders at each organization's hour, the quiz nudge, the outbox sweep),
 * and quiz attempts left unsubmitted past their deadline, scored with their saved answers.
 */
export const NOTIFICATIONS_CRON = '*/10 * * * *';
