ALTER TABLE `conversations` ADD `deleted_at` integer;--> statement-breakpoint
CREATE INDEX `conversations_deleted` ON `conversations` (`deleted_at`) WHERE deleted_at IS NOT NULL;--> statement-breakpoint
ALTER TABLE `members` ADD `hidden_at` integer;--> statement-breakpoint
ALTER TABLE `members` ADD `unread_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `members_hidden` ON `members` (`conversation_id`) WHERE hidden_at IS NOT NULL;