-- The next migration drops people.birth_date, where birth dates stood in plain text before they
-- were encrypted (0013, 0014). SQL cannot encrypt them (the key is the Worker's), and the
-- Worker's nightly housekeeping of the releases since 0014 encrypted and cleared them. Should a
-- database still hold one, this migration fails (a CHECK constraint of the table below) and
-- nothing is dropped: deploy the release before this one and let its housekeeping run first.
-- The code that still names the two columns (the release before this one) fails once they are
-- gone: the drop reaches a database only after that code stopped running (docs/deploying.md).
CREATE TABLE `plain_birth_dates_must_be_encrypted_first` (`left` integer NOT NULL CHECK (`left` = 0));--> statement-breakpoint
INSERT INTO `plain_birth_dates_must_be_encrypted_first` SELECT count(*) FROM `people` WHERE `birth_date` IS NOT NULL;--> statement-breakpoint
DROP TABLE `plain_birth_dates_must_be_encrypted_first`;
