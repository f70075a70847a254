CREATE TABLE `comment_terms` (
	`answer_id` integer NOT NULL,
	`term` text NOT NULL,
	PRIMARY KEY(`answer_id`, `term`),
	FOREIGN KEY (`answer_id`) REFERENCES `answers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `comment_terms_term` ON `comment_terms` (`term`,`answer_id`);--> statement-breakpoint
CREATE TABLE `theme_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`entries` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `theme_codes_name_unique` ON `theme_codes` (`name`);--> statement-breakpoint
CREATE TABLE `theme_index_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`last_answer_id` integer NOT NULL,
	`prune_cursor` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `theme_term_counts` (
	`journey_id` integer NOT NULL,
	`day` text NOT NULL,
	`touchpoint_id` integer NOT NULL,
	`negative` integer NOT NULL,
	`term` text NOT NULL,
	`comments` integer NOT NULL,
	PRIMARY KEY(`journey_id`, `day`, `touchpoint_id`, `negative`, `term`)
);
--> statement-breakpoint
CREATE TABLE `theme_term_forms` (
	`term` text NOT NULL,
	`form` text NOT NULL,
	`comments` integer NOT NULL,
	PRIMARY KEY(`term`, `form`)
);
