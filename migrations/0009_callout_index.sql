DROP INDEX `notifications_by_person`;--> statement-breakpoint
CREATE INDEX `notifications_callouts_by_person` ON `notifications` (`person_id`,`created_at`) WHERE "notifications"."kind" = 'callout';