ALTER TABLE `conversations` ADD `agent_messages` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `members` ADD `read_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Unread is now agent_messages - read_count: with agent_messages still 0, this keeps every member's
-- count until the chat's next report or read writes both from its log.
UPDATE `members` SET `read_count` = -`unread_count`;--> statement-breakpoint
ALTER TABLE `members` DROP COLUMN `unread_count`;
