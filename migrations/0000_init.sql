CREATE TABLE `answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` integer NOT NULL,
	`journey_id` integer NOT NULL,
	`touchpoint_id` integer NOT NULL,
	`feeling` integer,
	`comment` text,
	`segment` text NOT NULL,
	`answered_at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`touchpoint_id`) REFERENCES `touchpoints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `answers_response_touchpoint` ON `answers` (`response_id`,`touchpoint_id`);--> statement-breakpoint
CREATE INDEX `answers_touchpoint_time` ON `answers` (`touchpoint_id`,`answered_at`);--> statement-breakpoint
CREATE INDEX `answers_journey_time` ON `answers` (`journey_id`,`answered_at`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`api_key_id` integer NOT NULL,
	`event_id` text NOT NULL,
	`type` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`payload` text NOT NULL,
	`outcome` text NOT NULL,
	`reason` text,
	`invitation_id` integer,
	FOREIGN KEY (`api_key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_key_event` ON `events` (`api_key_id`,`event_id`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`journey_id` integer NOT NULL,
	`case_reference` text NOT NULL,
	`token_hash` text,
	`email` text,
	`address_hash` text NOT NULL,
	`language` text DEFAULT 'nl' NOT NULL,
	`touchpoint_ids` text NOT NULL,
	`segment` text NOT NULL,
	`channel` text,
	`lead_time_days` real,
	`case_closed_at` integer NOT NULL,
	`status` text NOT NULL,
	`suppressed_reason` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`answered_at` integer,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_address_created` ON `invitations` (`address_hash`,`created_at`);--> statement-breakpoint
CREATE INDEX `invitations_status_expires` ON `invitations` (`status`,`expires_at`);--> statement-breakpoint
CREATE TABLE `journey_case_types` (
	`case_type` text PRIMARY KEY NOT NULL,
	`journey_id` integer NOT NULL,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `journeys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`life_event` text,
	`description` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journeys_slug_unique` ON `journeys` (`slug`);--> statement-breakpoint
CREATE TABLE `opt_outs` (
	`address_hash` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`invitation_id` integer,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`invitation_id` integer,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`text_body` text,
	`html_body` text,
	`headers` text NOT NULL,
	`message_id` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`due_at` integer NOT NULL,
	`last_error` text,
	`transport` text,
	`smtp_response` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_message_id_unique` ON `outbox` (`message_id`);--> statement-breakpoint
CREATE INDEX `outbox_status_due` ON `outbox` (`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invitation_id` integer NOT NULL,
	`journey_id` integer NOT NULL,
	`grade` integer NOT NULL,
	`effort` integer NOT NULL,
	`segment` text NOT NULL,
	`channel` text,
	`lead_time_days` real,
	`submitted_at` integer NOT NULL,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responses_invitation_id_unique` ON `responses` (`invitation_id`);--> statement-breakpoint
CREATE TABLE `touchpoints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`journey_id` integer NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`channel` text NOT NULL,
	`position` integer NOT NULL,
	`service_norm` text,
	`moment_of_truth` integer DEFAULT false NOT NULL,
	`asked_by_default` integer DEFAULT true NOT NULL,
	`question` text,
	`question_en` text,
	`archived_at` integer,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `touchpoints_journey_slug` ON `touchpoints` (`journey_id`,`slug`);