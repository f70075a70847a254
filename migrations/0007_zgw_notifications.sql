CREATE TABLE `zgw_cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`object_url` text NOT NULL,
	`kind` text NOT NULL,
	`reference` text NOT NULL,
	`subscription_id` integer NOT NULL,
	`notification_id` integer,
	`invitation_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `zgw_subscriptions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`notification_id`) REFERENCES `zgw_notifications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `zgw_cases_object_url_unique` ON `zgw_cases` (`object_url`);--> statement-breakpoint
CREATE TABLE `zgw_mappings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`journey_id` integer NOT NULL,
	`touchpoint_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`touchpoint_id`) REFERENCES `touchpoints`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `zgw_mappings_kind_key` ON `zgw_mappings` (`kind`,`key`);--> statement-breakpoint
CREATE TABLE `zgw_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscription_id` integer NOT NULL,
	`dedupe_key` text NOT NULL,
	`source` text NOT NULL,
	`kanaal` text NOT NULL,
	`resource` text NOT NULL,
	`actie` text NOT NULL,
	`resource_url` text NOT NULL,
	`hoofd_object` text NOT NULL,
	`aanmaakdatum` integer NOT NULL,
	`kenmerken` text NOT NULL,
	`received_at` integer NOT NULL,
	`deliveries` integer DEFAULT 1 NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`skip_reason` text,
	`detail` text,
	`outcome` text,
	`case_reference` text,
	`invitation_id` integer,
	`processed_at` integer,
	FOREIGN KEY (`subscription_id`) REFERENCES `zgw_subscriptions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `zgw_notifications_dedupe_key_unique` ON `zgw_notifications` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `zgw_notifications_due` ON `zgw_notifications` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `zgw_notifications_received` ON `zgw_notifications` (`received_at`);--> statement-breakpoint
CREATE TABLE `zgw_subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`auth_hash` text NOT NULL,
	`zaken_api` text NOT NULL,
	`catalogi_api` text NOT NULL,
	`klantinteracties_api` text,
	`client_id` text NOT NULL,
	`secret` text,
	`klantinteracties_token` text,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
