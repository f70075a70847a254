CREATE TABLE `custom_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`journey_id` integer NOT NULL,
	`scale` text NOT NULL,
	`texts` text NOT NULL,
	`options` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `custom_items_code_unique` ON `custom_items` (`code`);--> statement-breakpoint
CREATE TABLE `item_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` integer NOT NULL,
	`journey_id` integer NOT NULL,
	`item_code` text NOT NULL,
	`touchpoint_id` integer,
	`value` integer,
	`answered_at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`touchpoint_id`) REFERENCES `touchpoints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `item_answers_response_item` ON `item_answers` (`response_id`,`item_code`,`touchpoint_id`);--> statement-breakpoint
CREATE INDEX `item_answers_journey_time` ON `item_answers` (`journey_id`,`answered_at`,`item_code`);--> statement-breakpoint
CREATE TABLE `journey_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`journey_id` integer NOT NULL,
	`item_code` text NOT NULL,
	`touchpoint_id` integer,
	`position` integer NOT NULL,
	`added_at` integer NOT NULL,
	`removed_at` integer,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`touchpoint_id`) REFERENCES `touchpoints`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `journey_items_journey` ON `journey_items` (`journey_id`,`removed_at`);--> statement-breakpoint
ALTER TABLE `journeys` ADD `public_results` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `invitations` ADD `items` text;--> statement-breakpoint
-- "Is uw vraag beantwoord?" is on by default for contact journeys: every active step a contact channel (src/items/item-bank.ts).
INSERT INTO `journey_items` (`journey_id`, `item_code`, `touchpoint_id`, `position`, `added_at`)
SELECT `j`.`id`, 'MH-BEANTWOORD', NULL, 0, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM `journeys` `j`
WHERE EXISTS (SELECT 1 FROM `touchpoints` `t` WHERE `t`.`journey_id` = `j`.`id` AND `t`.`archived_at` IS NULL)
  AND NOT EXISTS (SELECT 1 FROM `touchpoints` `t` WHERE `t`.`journey_id` = `j`.`id` AND `t`.`archived_at` IS NULL
                  AND `t`.`channel` NOT IN ('telefoon', 'balie', 'chat', 'e-mail', 'video'));
