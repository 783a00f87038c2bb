-- Confirmations and waiting-list promotions are queued by the code that makes the change, in the
-- change's own batch (worker/db/notifications.ts, worker/db/waiting-list.ts), where a reader of
-- the sign-up or the cancellation sees them: the triggers of 0007 go.
DROP TRIGGER IF EXISTS `notify_confirmed_sign_up`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `notify_promotion`;
