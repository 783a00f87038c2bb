CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`staff_id` text,
	`organization_id` text,
	`action` text NOT NULL,
	`target_type` text,
	`target_id` text,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_by_time` ON `audit_log` ("at" DESC,"id" DESC);--> statement-breakpoint
CREATE INDEX `audit_log_by_organization` ON `audit_log` (`organization_id`,"at" DESC,"id" DESC);