CREATE TABLE `feeling_rollups` (
	`journey_id` integer NOT NULL,
	`segment_key` text NOT NULL,
	`segment_value` text NOT NULL,
	`day` text NOT NULL,
	`touchpoint_id` integer NOT NULL,
	`channel` text NOT NULL,
	`answers` integer NOT NULL,
	`n` integer NOT NULL,
	`sum` integer NOT NULL,
	`sum_squares` integer NOT NULL,
	PRIMARY KEY(`journey_id`, `segment_key`, `segment_value`, `day`, `touchpoint_id`, `channel`)
);
--> statement-breakpoint
CREATE TABLE `journey_dimensions` (
	`journey_id` integer NOT NULL,
	`dimension` text NOT NULL,
	`value` text NOT NULL,
	`is_channel` integer NOT NULL,
	PRIMARY KEY(`journey_id`, `is_channel`, `dimension`, `value`)
);
--> statement-breakpoint
CREATE TABLE `response_rollups` (
	`journey_id` integer NOT NULL,
	`segment_key` text NOT NULL,
	`segment_value` text NOT NULL,
	`day` text NOT NULL,
	`channel` text NOT NULL,
	`lead_band` text NOT NULL,
	`n` integer NOT NULL,
	`grade_sum` integer NOT NULL,
	`grade_sum_squares` integer NOT NULL,
	`grade_at_least_seven` integer NOT NULL,
	`effort_sum` integer NOT NULL,
	`effort_sum_squares` integer NOT NULL,
	`feeling_n` integer NOT NULL,
	`feeling_sum` integer NOT NULL,
	`feeling_sum_squares` integer NOT NULL,
	PRIMARY KEY(`journey_id`, `segment_key`, `segment_value`, `day`, `channel`, `lead_band`)
);
--> statement-breakpoint
ALTER TABLE `invitations` ADD `mailed_at` integer;--> statement-breakpoint
CREATE INDEX `invitations_journey_created` ON `invitations` (`journey_id`,`created_at`,`status`,`suppressed_reason`,`mailed_at`);--> statement-breakpoint
CREATE INDEX `answers_comments` ON `answers` (`touchpoint_id`,`answered_at`) WHERE "answers"."comment" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `outbox_invitation` ON `outbox` (`invitation_id`);