CREATE TABLE `quiz_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`season_id` text NOT NULL,
	`person_id` text NOT NULL,
	`day` text NOT NULL,
	`question_ids` text NOT NULL,
	`started_at` integer NOT NULL,
	`deadline` integer NOT NULL,
	`submitted_at` integer,
	`answers` text,
	`score` integer,
	`correct` integer,
	`duration_ms` integer,
	`late` integer DEFAULT false NOT NULL,
	`district` text,
	FOREIGN KEY (`season_id`) REFERENCES `quiz_seasons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempts_one_a_day` ON `quiz_attempts` (`season_id`,`person_id`,`day`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_day_board` ON `quiz_attempts` (`season_id`,`day`,"score" DESC,`duration_ms`,`submitted_at`,`person_id`,`district`) WHERE "quiz_attempts"."submitted_at" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `quiz_players` (
	`season_id` text NOT NULL,
	`person_id` text NOT NULL,
	`name` text NOT NULL,
	`district` text NOT NULL,
	`score` integer NOT NULL,
	`time_ms` integer NOT NULL,
	`days_played` integer NOT NULL,
	`finished_at` integer NOT NULL,
	PRIMARY KEY(`season_id`, `person_id`),
	FOREIGN KEY (`season_id`) REFERENCES `quiz_seasons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quiz_players_board` ON `quiz_players` (`season_id`,"score" DESC,`time_ms`,`finished_at`,`person_id`);--> statement-breakpoint
CREATE INDEX `quiz_players_district_board` ON `quiz_players` (`season_id`,`district`,"score" DESC,`time_ms`,`finished_at`,`person_id`);--> statement-breakpoint
CREATE INDEX `quiz_players_by_person` ON `quiz_players` (`person_id`);--> statement-breakpoint
CREATE TABLE `quiz_questions` (
	`id` text PRIMARY KEY NOT NULL,
	`season_id` text NOT NULL,
	`type` text NOT NULL,
	`stem` text NOT NULL,
	`options` text NOT NULL,
	`answer_ids` text NOT NULL,
	`explanation` text DEFAULT '' NOT NULL,
	`category` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`season_id`) REFERENCES `quiz_seasons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_questions_stem_unique` ON `quiz_questions` (`season_id`,`stem`);--> statement-breakpoint
CREATE INDEX `quiz_questions_bank` ON `quiz_questions` (`season_id`,`id`,`category`);--> statement-breakpoint
CREATE TABLE `quiz_score_counts` (
	`season_id` text NOT NULL,
	`score` integer NOT NULL,
	`players` integer NOT NULL,
	PRIMARY KEY(`season_id`, `score`),
	FOREIGN KEY (`season_id`) REFERENCES `quiz_seasons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `quiz_seasons` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`questions_per_day` integer NOT NULL,
	`time_limit_sec` integer NOT NULL,
	`points_per_correct` integer NOT NULL,
	`players` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_seasons_one_per_campaign` ON `quiz_seasons` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `quiz_time_counts` (
	`season_id` text NOT NULL,
	`score` integer NOT NULL,
	`time_bucket` integer NOT NULL,
	`players` integer NOT NULL,
	`upto` text NOT NULL,
	PRIMARY KEY(`season_id`, `score`, `time_bucket`),
	FOREIGN KEY (`season_id`) REFERENCES `quiz_seasons`(`id`) ON UPDATE no action ON DELETE no action
);
