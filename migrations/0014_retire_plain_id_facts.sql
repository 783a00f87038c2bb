-- Nothing that narrows an ID number stays in plain text (issue 13, product.md "Personal data").
-- The first-4/last-4 masks go at once. A plain birth date keeps only its year here; the date
-- itself is encrypted and cleared by the Worker's housekeeping (it holds the key, SQL does not):
-- see encryptLegacyBirthDates in worker/db/people.ts.
UPDATE `registrations` SET `id_number_masked` = NULL WHERE `id_number_masked` IS NOT NULL;--> statement-breakpoint
UPDATE `people` SET `birth_year` = CAST(substr(`birth_date`, 1, 4) AS INTEGER) WHERE `birth_date` IS NOT NULL AND `birth_year` IS NULL;
