DROP INDEX `conversations_inbox`;--> statement-breakpoint
DROP INDEX `conversations_kind`;--> statement-breakpoint
DROP INDEX `conversations_assignee`;--> statement-breakpoint
CREATE INDEX `conversations_list` ON `conversations` (`workspace_id`,`kind`,`status`,`updated_at`,`id`) WHERE started_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `conversations_assignee` ON `conversations` (`assignee_id`,`updated_at`,`id`) WHERE assignee_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `visitors_workspace_external` ON `visitors` (`workspace_id`,`external_user_id`);