ALTER TABLE `sites` ADD `business_hours` text;--> statement-breakpoint
ALTER TABLE `sites` ADD `only_when_agents_online` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `away_message` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `when_away` text DEFAULT 'form' NOT NULL;--> statement-breakpoint
ALTER TABLE `visitors` ADD `contact_email` text;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `agents_available` integer DEFAULT false NOT NULL;