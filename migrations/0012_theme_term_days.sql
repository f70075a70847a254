CREATE TABLE `theme_code_counts` (
	`code_id` integer NOT NULL,
	`journey_id` integer NOT NULL,
	`day` text NOT NULL,
	`touchpoint_id` integer NOT NULL,
	`comments` integer NOT NULL,
	PRIMARY KEY(`code_id`, `journey_id`, `day`, `touchpoint_id`),
	FOREIGN KEY (`code_id`) REFERENCES `theme_codes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `theme_comment_counts` (
	`journey_id` integer NOT NULL,
	`day` text NOT NULL,
	`touchpoint_id` integer NOT NULL,
	`negative` integer NOT NULL,
	`comments` integer NOT NULL,
	`terms` integer NOT NULL,
	PRIMARY KEY(`journey_id`, `day`, `touchpoint_id`, `negative`)
);
--> statement-breakpoint
CREATE TABLE `theme_journey_term_days` (
	`journey_id` integer NOT NULL,
	`term` text NOT NULL,
	`day` text NOT NULL,
	`comments` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `theme_journey_term_days_lookup` ON `theme_journey_term_days` (`journey_id`,`term`,`day`,`comments`);--> statement-breakpoint
CREATE TABLE `theme_negative_term_days` (
	`journey_id` integer NOT NULL,
	`touchpoint_id` integer NOT NULL,
	`term` text NOT NULL,
	`day` text NOT NULL,
	`comments` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `theme_negative_term_days_lookup` ON `theme_negative_term_days` (`journey_id`,`touchpoint_id`,`term`,`day`,`comments`);--> statement-breakpoint
CREATE TABLE `theme_negative_terms` (
	`journey_id` integer NOT NULL,
	`touchpoint_id` integer NOT NULL,
	`term` text NOT NULL,
	`comments` integer NOT NULL,
	PRIMARY KEY(`journey_id`, `touchpoint_id`, `term`)
);
--> statement-breakpoint
CREATE INDEX `theme_negative_terms_frequent` ON `theme_negative_terms` (`journey_id`,`comments`,`touchpoint_id`,`term`);--> statement-breakpoint
DROP TABLE `theme_term_counts`;--> statement-breakpoint
-- Written by hand: the counts are rebuilt from the comments: the indexer starts again from the first answer.
DELETE FROM `theme_term_forms`;--> statement-breakpoint
DELETE FROM `comment_terms`;--> statement-breakpoint
UPDATE `theme_index_state` SET `last_answer_id` = 0, `prune_cursor` = 0;
