-- Sign-up confirmations and waiting-list promotions go into the outbox in the same statement as
-- the change, whichever code path makes it (a sign-up, a team sign-up, a cancellation that frees
-- a seat, an organizer raising a capacity). The dedupe key allows one of each per sign-up.
CREATE TRIGGER `notify_confirmed_sign_up` AFTER INSERT ON `registrations` WHEN NEW.status = 'confirmed'
BEGIN
  INSERT OR IGNORE INTO notifications (id, person_id, kind, organization_id, registration_id, dedupe_key)
  SELECT lower(hex(randomblob(16))), NEW.person_id, 'confirmed', campaigns.organization_id, NEW.id, 'confirmed:' || NEW.id
  FROM slots JOIN sessions ON sessions.id = slots.session_id JOIN campaigns ON campaigns.id = sessions.campaign_id
  WHERE slots.id = NEW.slot_id;
END;
--> statement-breakpoint
CREATE TRIGGER `notify_promotion` AFTER UPDATE OF status ON `registrations` WHEN OLD.status = 'waitlisted' AND NEW.status = 'confirmed'
BEGIN
  INSERT OR IGNORE INTO notifications (id, person_id, kind, organization_id, registration_id, dedupe_key)
  SELECT lower(hex(randomblob(16))), NEW.person_id, 'promoted', campaigns.organization_id, NEW.id, 'promoted:' || NEW.id
  FROM slots JOIN sessions ON sessions.id = slots.session_id JOIN campaigns ON campaigns.id = sessions.campaign_id
  WHERE slots.id = NEW.slot_id;
END;
