CREATE TABLE `appointment_products` (
	`product` text PRIMARY KEY NOT NULL,
	`journey_id` integer NOT NULL,
	`touchpoint_id` integer,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`touchpoint_id`) REFERENCES `touchpoints`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `appointments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`product` text NOT NULL,
	`location` text NOT NULL,
	`channel` text NOT NULL,
	`booked_at` integer,
	`starts_at` integer NOT NULL,
	`reminder_sent_at` integer,
	`status` text NOT NULL,
	`status_at` integer NOT NULL,
	`segment` text NOT NULL,
	`day` text NOT NULL,
	`weekday` integer NOT NULL,
	`hour` integer NOT NULL,
	`lead_band` text NOT NULL,
	`reminded` integer NOT NULL,
	`address_hash` text,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_reference_unique` ON `appointments` (`reference`);--> statement-breakpoint
CREATE INDEX `appointments_patterns` ON `appointments` (`day`,`product`,`location`,`channel`,`weekday`,`hour`,`lead_band`,`reminded`,`status`);