ALTER TABLE `registration_groups` ADD `seats` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `registration_groups` ADD `join_until` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `registration_groups` ADD `status` text DEFAULT 'closed' NOT NULL;--> statement-breakpoint
ALTER TABLE `registration_groups` ADD `closed_at` integer;--> statement-breakpoint
CREATE INDEX `registration_groups_due` ON `registration_groups` (`join_until`) WHERE "registration_groups"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX `registration_groups_one_open_per_contact` ON `registration_groups` (`slot_id`,`contact_person_id`) WHERE "registration_groups"."status" = 'open';--> statement-breakpoint
CREATE INDEX `registration_groups_open_by_contact` ON `registration_groups` (`contact_person_id`) WHERE "registration_groups"."status" = 'open';