CREATE TABLE `callouts` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text,
	`staff_id` text NOT NULL,
	`blood_type` text NOT NULL,
	`district` text,
	`message` text NOT NULL,
	`recipients` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `callouts_by_organization` ON `callouts` (`organization_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	`organization_id` text,
	`registration_id` text,
	`callout_id` text,
	`dedupe_key` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`handed_at` integer,
	`claimed_at` integer,
	`sent_at` integer,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`callout_id`) REFERENCES `callouts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe` ON `notifications` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_queued` ON `notifications` (`handed_at`,`created_at`) WHERE "notifications"."status" = 'queued';--> statement-breakpoint
CREATE INDEX `notifications_by_organization` ON `notifications` (`organization_id`,"created_at" DESC,"id" DESC);--> statement-breakpoint
CREATE INDEX `notifications_by_person` ON `notifications` (`person_id`,`kind`,`created_at`);--> statement-breakpoint
ALTER TABLE `organizations` ADD `reminder_hour` integer DEFAULT 18 NOT NULL;--> statement-breakpoint
ALTER TABLE `people` ADD `language` text DEFAULT 'zh-CN' NOT NULL;--> statement-breakpoint
ALTER TABLE `people` ADD `reminders` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `people` ADD `quiz_nudges` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `cancelled_at` integer;