CREATE TABLE `digest_deliveries` (
	`user_id` integer NOT NULL,
	`period_key` text NOT NULL,
	`outbox_id` integer,
	`queued_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `period_key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `digest_subscriptions` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`frequency` text NOT NULL,
	`since` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
