CREATE TABLE `quiz_finalists` (
	`id` text PRIMARY KEY NOT NULL,
	`final_id` text NOT NULL,
	`person_id` text NOT NULL,
	`seed` integer NOT NULL,
	`name` text NOT NULL,
	`district` text NOT NULL,
	`token` text NOT NULL,
	`points` integer,
	`rank` integer,
	`prize` text,
	`certificate_code` text,
	FOREIGN KEY (`final_id`) REFERENCES `quiz_finals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_finalists_once_per_final` ON `quiz_finalists` (`final_id`,`person_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_finalists_token` ON `quiz_finalists` (`token`);--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_finalists_certificate` ON `quiz_finalists` (`certificate_code`);--> statement-breakpoint
CREATE TABLE `quiz_finals` (
	`id` text PRIMARY KEY NOT NULL,
	`season_id` text NOT NULL,
	`title` text NOT NULL,
	`question_count` integer NOT NULL,
	`time_limit_sec` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`season_id`) REFERENCES `quiz_seasons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_finals_one_per_season` ON `quiz_finals` (`season_id`);