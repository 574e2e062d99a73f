ALTER TABLE `conversations` ADD `external_user_id` text;--> statement-breakpoint
CREATE INDEX `conversations_user` ON `conversations` (`site_id`,`external_user_id`) WHERE external_user_id IS NOT NULL;--> statement-breakpoint
-- Conversations of browsers already identified belong to that user, as they did before the column.
UPDATE `conversations` SET `external_user_id` = (SELECT `external_user_id` FROM `visitors` WHERE `visitors`.`id` = `conversations`.`visitor_id`) WHERE `kind` = 'support';
