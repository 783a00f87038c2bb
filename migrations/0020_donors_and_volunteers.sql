CREATE TABLE `blood_stock` (
	`blood_type` text NOT NULL,
	`rh_d` text NOT NULL,
	`level` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	PRIMARY KEY(`blood_type`, `rh_d`),
	FOREIGN KEY (`updated_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `donor_cards` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `donor_cards_by_expiry` ON `donor_cards` (`expires_at`);--> statement-breakpoint
ALTER TABLE `callouts` ADD `rh_d` text;--> statement-breakpoint
ALTER TABLE `people` ADD `rh_d` text;--> statement-breakpoint
ALTER TABLE `registrations` ADD `checked_out_at` integer;