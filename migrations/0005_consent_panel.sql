CREATE TABLE `panel_consent_texts` (
	`hash` text PRIMARY KEY NOT NULL,
	`version` text NOT NULL,
	`text` text NOT NULL,
	`first_shown_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `panel_consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`event` text NOT NULL,
	`text_version` text,
	`text_hash` text,
	`response_id` integer,
	`at` integer NOT NULL,
	`by` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `panel_members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `panel_consents_member` ON `panel_consents` (`member_id`);--> statement-breakpoint
CREATE TABLE `panel_links` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`member_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`participant_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `panel_members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `panel_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`status` text NOT NULL,
	`contact` text,
	`response_id` integer,
	`journey_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`confirm_before` integer NOT NULL,
	`confirmed_at` integer,
	`consent_expires_at` integer,
	`renewal_mailed_at` integer,
	`last_contact_at` integer,
	`ended_at` integer,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `panel_members_status` ON `panel_members` (`status`,`journey_id`);--> statement-breakpoint
CREATE TABLE `studies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`purpose` text NOT NULL,
	`journey_id` integer,
	`invitation_text` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `study_participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`study_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`status` text NOT NULL,
	`invited_at` integer NOT NULL,
	`answered_at` integer,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `panel_members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `study_participants_study_member` ON `study_participants` (`study_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `study_participants_member` ON `study_participants` (`member_id`,`invited_at`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `panel_member_id` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `panel_participant_id` integer;