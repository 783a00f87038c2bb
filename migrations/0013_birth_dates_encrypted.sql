ALTER TABLE `people` ADD `birth_date_encrypted` text;--> statement-breakpoint
ALTER TABLE `people` ADD `birth_year` integer;