CREATE TABLE `conversation_facts` (
	`conversation_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`site_id` text,
	`started_at` integer,
	`escalated_at` integer,
	`first_human_reply_at` integer,
	`closed_at` integer,
	`assignee_id` text,
	`state_version` integer DEFAULT 0 NOT NULL,
	`rating_score` integer,
	`rating_comment` text,
	`rated_at` integer
);
--> statement-breakpoint
CREATE INDEX `conversation_facts_started` ON `conversation_facts` (`workspace_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `conversation_facts_assignee` ON `conversation_facts` (`assignee_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `report_buckets` (
	`workspace_id` text NOT NULL,
	`site_id` text NOT NULL,
	`agent_id` text DEFAULT '' NOT NULL,
	`bucket_start` integer NOT NULL,
	`user_messages` integer DEFAULT 0 NOT NULL,
	`agent_messages` integer DEFAULT 0 NOT NULL,
	`bot_messages` integer DEFAULT 0 NOT NULL,
	`connection_successes` integer DEFAULT 0 NOT NULL,
	`connection_failures` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `bucket_start`, `site_id`, `agent_id`)
);
