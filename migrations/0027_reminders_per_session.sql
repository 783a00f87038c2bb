-- Reminders are now one per registration and session (worker/db/notifications.ts, queueReminders),
-- keyed 'reminder:<registration>:<session>'. The reminders already queued or sent get the key of
-- the session their registration is in now, so that none of them is queued a second time.
UPDATE notifications
SET dedupe_key = dedupe_key || ':' || (
  SELECT s.session_id FROM registrations r JOIN slots s ON s.id = r.slot_id WHERE r.id = notifications.registration_id
)
WHERE kind = 'reminder' AND registration_id IS NOT NULL AND dedupe_key = 'reminder:' || registration_id;
