CREATE TABLE `donations` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`adverse_reaction` integer DEFAULT false NOT NULL,
	`registration_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `donations_by_person` ON `donations` (`person_id`,`day`);--> statement-breakpoint
CREATE UNIQUE INDEX `donations_one_per_registration` ON `donations` (`registration_id`);--> statement-breakpoint
CREATE TABLE `idempotent_responses` (
	`person_id` text NOT NULL,
	`key` text NOT NULL,
	`scope` text NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`person_id`, `key`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `registration_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`slot_id` text NOT NULL,
	`contact_person_id` text NOT NULL,
	`organization` text NOT NULL,
	`contact_name` text NOT NULL,
	`contact_phone` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`slot_id`) REFERENCES `slots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registration_groups_code_unique` ON `registration_groups` (`code`);--> statement-breakpoint
CREATE INDEX `registration_groups_by_slot` ON `registration_groups` (`slot_id`);--> statement-breakpoint
DROP INDEX `registrations_by_slot_status`;--> statement-breakpoint
ALTER TABLE `registrations` ADD `name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `registrations` ADD `answers` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `registrations` ADD `id_number_encrypted` text;--> statement-breakpoint
ALTER TABLE `registrations` ADD `id_number_masked` text;--> statement-breakpoint
ALTER TABLE `registrations` ADD `group_id` text REFERENCES registration_groups(id);--> statement-breakpoint
ALTER TABLE `registrations` ADD `arrival` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `registrations` ADD `cancelled_at` integer;--> statement-breakpoint
ALTER TABLE `registrations` ADD `checked_in_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_arrival_in_slot` ON `registrations` (`slot_id`,`arrival`);--> statement-breakpoint
CREATE INDEX `registrations_by_group` ON `registrations` (`group_id`);--> statement-breakpoint
CREATE INDEX `registrations_by_slot_status` ON `registrations` (`slot_id`,`status`,`arrival`);--> statement-breakpoint
ALTER TABLE `slots` ADD `sort_order` integer DEFAULT 0 NOT NULL;