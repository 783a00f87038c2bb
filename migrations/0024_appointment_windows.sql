ALTER TABLE `registrations` ADD `window_index` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `window_minutes` integer;