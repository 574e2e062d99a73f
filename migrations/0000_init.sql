CREATE TABLE `agents` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`last_login_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agents_email` ON `agents` (`email`);--> statement-breakpoint
CREATE INDEX `agents_workspace` ON `agents` (`workspace_id`,`name`);--> statement-breakpoint
CREATE TABLE `auth_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`user_agent` text,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `auth_sessions_agent` ON `auth_sessions` (`agent_id`);--> statement-breakpoint
CREATE INDEX `auth_sessions_expiry` ON `auth_sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`kind` text NOT NULL,
	`site_id` text,
	`visitor_id` text,
	`title` text,
	`direct_key` text,
	`status` text NOT NULL,
	`assignee_id` text,
	`assignee_name` text,
	`state_version` integer DEFAULT 0 NOT NULL,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`last_message_preview` text,
	`last_message_at` integer,
	`last_sender_type` text,
	`started_at` integer,
	`waiting_since` integer,
	`first_response_at` integer,
	`closed_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conversations_inbox` ON `conversations` (`workspace_id`,`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `conversations_assignee` ON `conversations` (`workspace_id`,`assignee_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `conversations_kind` ON `conversations` (`workspace_id`,`kind`,`updated_at`);--> statement-breakpoint
CREATE INDEX `conversations_visitor` ON `conversations` (`visitor_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `conversations_direct` ON `conversations` (`direct_key`) WHERE direct_key IS NOT NULL;--> statement-breakpoint
CREATE TABLE `escalations` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`reason` text NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `escalations_conversation` ON `escalations` (`conversation_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `escalations_workspace` ON `escalations` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `faqs` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`question` text NOT NULL,
	`answer` text NOT NULL,
	`keywords` text DEFAULT '' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `faqs_site` ON `faqs` (`site_id`,`position`);--> statement-breakpoint
CREATE TABLE `members` (
	`conversation_id` text NOT NULL,
	`member_type` text NOT NULL,
	`member_id` text NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`read_seq` integer DEFAULT 0 NOT NULL,
	`hidden_through_seq` integer DEFAULT 0 NOT NULL,
	`joined_at` integer NOT NULL,
	`left_at` integer,
	PRIMARY KEY(`conversation_id`, `member_type`, `member_id`),
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `members_member` ON `members` (`member_type`,`member_id`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`site_key` text NOT NULL,
	`name` text NOT NULL,
	`allowed_origins` text DEFAULT '[]' NOT NULL,
	`theme` text DEFAULT '{}' NOT NULL,
	`greeting` text DEFAULT '' NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`bot_enabled` integer DEFAULT true NOT NULL,
	`identity_secret` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sites_key` ON `sites` (`site_key`);--> statement-breakpoint
CREATE INDEX `sites_workspace` ON `sites` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `visitors` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`site_id` text NOT NULL,
	`browser_session_id` text NOT NULL,
	`external_user_id` text,
	`name` text,
	`email` text,
	`context` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visitors_browser` ON `visitors` (`site_id`,`browser_session_id`);--> statement-breakpoint
CREATE INDEX `visitors_external` ON `visitors` (`site_id`,`external_user_id`);--> statement-breakpoint
CREATE TABLE `workspaces` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
