CREATE TABLE `callback_alert_subscriptions` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`last_mailed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `callback_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`at` integer NOT NULL,
	`by` integer,
	`reached` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `callback_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `callback_attempts_request` ON `callback_attempts` (`request_id`);--> statement-breakpoint
CREATE TABLE `callback_links` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`request_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `callback_requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `callback_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` integer,
	`journey_id` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`contact` text,
	`address_hash` text,
	`created_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`assigned_to` integer,
	`assigned_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_attempt_at` integer,
	`reached_at` integer,
	`closed_at` integer,
	`outcome` text,
	`note` text,
	`touchpoint_id` integer,
	`action_id` integer,
	`recovery_mailed_at` integer,
	`recovery_score` integer,
	`recovery_answered_at` integer,
	`erased_at` integer,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_to`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`touchpoint_id`) REFERENCES `touchpoints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`action_id`) REFERENCES `improvement_actions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `callback_requests_response_id_unique` ON `callback_requests` (`response_id`);--> statement-breakpoint
CREATE INDEX `callback_requests_status_due` ON `callback_requests` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `callback_requests_journey_time` ON `callback_requests` (`journey_id`,`created_at`);