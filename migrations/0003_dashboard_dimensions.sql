CREATE TABLE `journey_dimensions` (
	`journey_id` integer NOT NULL,
	`dimension` text NOT NULL,
	`value` text NOT NULL,
	`is_channel` integer NOT NULL,
	PRIMARY KEY(`journey_id`, `is_channel`, `dimension`, `value`)
);
--> statement-breakpoint
CREATE INDEX `outbox_invitation` ON `outbox` (`invitation_id`);