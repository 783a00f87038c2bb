-- A sign-in is a login; "session" is a campaign's date (issue #14 point 4). The table is rebuilt
-- rather than renamed so that its CHECK constraint carries the new name too; the rows (the
-- logins of everyone signed in) are kept, and the cookie that holds their tokens is unchanged.
CREATE TABLE `logins` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`person_id` text,
	`staff_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "logins_one_subject" CHECK(("logins"."person_id" IS NULL) <> ("logins"."staff_id" IS NULL))
);
--> statement-breakpoint
INSERT INTO `logins` (`token_hash`, `person_id`, `staff_id`, `created_at`, `expires_at`)
SELECT `token_hash`, `person_id`, `staff_id`, `created_at`, `expires_at` FROM `auth_sessions`;
--> statement-breakpoint
DROP TABLE `auth_sessions`;
--> statement-breakpoint
CREATE INDEX `logins_by_person` ON `logins` (`person_id`);
--> statement-breakpoint
CREATE INDEX `logins_by_staff` ON `logins` (`staff_id`);
