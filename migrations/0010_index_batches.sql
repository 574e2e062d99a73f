CREATE TABLE `index_batches` (
	`lobby_id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
-- A lobby's batch of index writes under a number not above the last one recorded has been sent
-- before: refusing it rolls the batch back, so a batch sent again after a lost answer applies
-- once (SPEC §2). One row per workspace lobby, never deleted (workspaces are not deleted).
CREATE TRIGGER `index_batches_once` BEFORE UPDATE ON `index_batches`
WHEN NEW.seq <= OLD.seq
BEGIN
	SELECT RAISE(ABORT, 'index batch already applied');
END;
