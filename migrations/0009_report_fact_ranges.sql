DROP INDEX `conversation_facts_started`;--> statement-breakpoint
DROP INDEX `conversation_facts_assignee`;--> statement-breakpoint
CREATE INDEX `conversation_facts_open` ON `conversation_facts` (`workspace_id`,`started_at`) WHERE closed_at IS NULL;--> statement-breakpoint
CREATE INDEX `conversation_facts_closed` ON `conversation_facts` (`workspace_id`,`closed_at`);--> statement-breakpoint
CREATE INDEX `conversation_facts_rated` ON `conversation_facts` (`workspace_id`,`rated_at`) WHERE rated_at IS NOT NULL;