CREATE TABLE `improvement_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`journey_id` integer NOT NULL,
	`touchpoint_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`owner` text NOT NULL,
	`due_on` text,
	`status` text DEFAULT 'idee' NOT NULL,
	`done_on` text,
	`public_summary` text,
	`published_at` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`touchpoint_id`) REFERENCES `touchpoints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `improvement_actions_journey` ON `improvement_actions` (`journey_id`,`touchpoint_id`);--> statement-breakpoint
CREATE INDEX `improvement_actions_published` ON `improvement_actions` (`published_at`);