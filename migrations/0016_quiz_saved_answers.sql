ALTER TABLE `quiz_attempts` ADD `option_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `quiz_attempts` ADD `saved_answers` text;--> statement-breakpoint
ALTER TABLE `quiz_attempts` ADD `season_rank` integer;--> statement-breakpoint
CREATE INDEX `quiz_attempts_open` ON `quiz_attempts` (`deadline`) WHERE "quiz_attempts"."submitted_at" IS NULL AND "quiz_attempts"."option_key" <> '';