-- Earlier audit entries learn their campaign from what they acted on, so the log's campaign
-- filter finds them too.
UPDATE audit_log SET campaign_id = target_id
WHERE campaign_id IS NULL AND target_type = 'campaign' AND target_id IN (SELECT id FROM campaigns);
--> statement-breakpoint
UPDATE audit_log SET campaign_id = (SELECT campaign_id FROM sessions WHERE sessions.id = audit_log.target_id)
WHERE campaign_id IS NULL AND target_type = 'session';
--> statement-breakpoint
UPDATE audit_log SET campaign_id = (
  SELECT se.campaign_id FROM slots s JOIN sessions se ON se.id = s.session_id WHERE s.id = audit_log.target_id
)
WHERE campaign_id IS NULL AND target_type = 'slot';
--> statement-breakpoint
UPDATE audit_log SET campaign_id = (
  SELECT se.campaign_id FROM registrations r JOIN slots s ON s.id = r.slot_id JOIN sessions se ON se.id = s.session_id
  WHERE r.id = audit_log.target_id
)
WHERE campaign_id IS NULL AND target_type = 'registration';
