ALTER TABLE `people` DROP COLUMN `birth_date`;--> statement-breakpoint
ALTER TABLE `registrations` DROP COLUMN `id_number_masked`;