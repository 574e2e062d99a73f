CREATE TABLE `agent_invites` (
	`id` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agent_invites_agent` ON `agent_invites` (`agent_id`);--> statement-breakpoint
ALTER TABLE `sites` ADD `deleted_at` integer;