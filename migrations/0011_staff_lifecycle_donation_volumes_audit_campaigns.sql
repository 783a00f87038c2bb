DROP INDEX `donations_by_person`;--> statement-breakpoint
ALTER TABLE `donations` ADD `volume_ml` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `donations_one_per_day` ON `donations` (`person_id`,`day`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `campaign_id` text REFERENCES campaigns(id);--> statement-breakpoint
CREATE INDEX `audit_log_by_campaign` ON `audit_log` (`campaign_id`,"at" DESC,"id" DESC);--> statement-breakpoint
CREATE INDEX `audit_log_by_staff` ON `audit_log` (`staff_id`,"at" DESC,"id" DESC);--> statement-breakpoint
ALTER TABLE `staff` ADD `active` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `staff` ADD `last_sign_in_at` integer;