CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`citizen_contact` text,
	`privacy_contact` text,
	`comparison_opt_in` integer DEFAULT false NOT NULL,
	`comparison_named` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_slug_unique` ON `organisations` (`slug`);--> statement-breakpoint
-- The hosting organisation, id 1: everything that exists becomes its own. Its name and slug are set
-- from ORGANISATION_NAME at start-up (src/organisations/organisations.ts).
INSERT INTO `organisations` (`id`, `slug`, `name`) VALUES (1, 'eigen-organisatie', 'Eigen organisatie');--> statement-breakpoint
DROP INDEX `journeys_slug_unique`;--> statement-breakpoint
ALTER TABLE `journeys` ADD `organisation_id` integer DEFAULT 1 NOT NULL REFERENCES organisations(id);--> statement-breakpoint
ALTER TABLE `journeys` ADD `chain` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `journeys_organisation_slug` ON `journeys` (`organisation_id`,`slug`);--> statement-breakpoint
DROP INDEX `appointments_reference_unique`;--> statement-breakpoint
ALTER TABLE `appointments` ADD `organisation_id` integer DEFAULT 1 NOT NULL REFERENCES organisations(id);--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_organisation_reference` ON `appointments` (`organisation_id`,`reference`);--> statement-breakpoint
DROP INDEX `theme_codes_name_unique`;--> statement-breakpoint
ALTER TABLE `theme_codes` ADD `organisation_id` integer DEFAULT 1 NOT NULL REFERENCES organisations(id);--> statement-breakpoint
CREATE UNIQUE INDEX `theme_codes_organisation_name` ON `theme_codes` (`organisation_id`,`name`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_journey_case_types` (
	`organisation_id` integer DEFAULT 1 NOT NULL,
	`case_type` text NOT NULL,
	`journey_id` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `case_type`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_journey_case_types`("organisation_id", "case_type", "journey_id") SELECT 1, "case_type", "journey_id" FROM `journey_case_types`;--> statement-breakpoint
DROP TABLE `journey_case_types`;--> statement-breakpoint
ALTER TABLE `__new_journey_case_types` RENAME TO `journey_case_types`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE TABLE `__new_settings` (
	`organisation_id` integer DEFAULT 1 NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `key`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_settings`("organisation_id", "key", "value", "updated_at") SELECT 1, "key", "value", "updated_at" FROM `settings`;--> statement-breakpoint
DROP TABLE `settings`;--> statement-breakpoint
ALTER TABLE `__new_settings` RENAME TO `settings`;--> statement-breakpoint
CREATE TABLE `__new_appointment_products` (
	`organisation_id` integer DEFAULT 1 NOT NULL,
	`product` text NOT NULL,
	`journey_id` integer NOT NULL,
	`touchpoint_id` integer,
	PRIMARY KEY(`organisation_id`, `product`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`touchpoint_id`) REFERENCES `touchpoints`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_appointment_products`("organisation_id", "product", "journey_id", "touchpoint_id") SELECT 1, "product", "journey_id", "touchpoint_id" FROM `appointment_products`;--> statement-breakpoint
DROP TABLE `appointment_products`;--> statement-breakpoint
ALTER TABLE `__new_appointment_products` RENAME TO `appointment_products`;--> statement-breakpoint
ALTER TABLE `touchpoints` ADD `owner_organisation_id` integer REFERENCES organisations(id);--> statement-breakpoint
ALTER TABLE `api_keys` ADD `organisation_id` integer DEFAULT 1 NOT NULL REFERENCES organisations(id);--> statement-breakpoint
ALTER TABLE `invitations` ADD `organisation_id` integer DEFAULT 1 NOT NULL REFERENCES organisations(id);--> statement-breakpoint
ALTER TABLE `outbox` ADD `organisation_id` integer DEFAULT 1 NOT NULL REFERENCES organisations(id);--> statement-breakpoint
ALTER TABLE `users` ADD `organisation_id` integer DEFAULT 1 NOT NULL REFERENCES organisations(id);--> statement-breakpoint
ALTER TABLE `panel_members` ADD `organisation_id` integer DEFAULT 1 NOT NULL REFERENCES organisations(id);--> statement-breakpoint
ALTER TABLE `studies` ADD `organisation_id` integer DEFAULT 1 NOT NULL REFERENCES organisations(id);--> statement-breakpoint
ALTER TABLE `improvement_actions` ADD `organisation_id` integer DEFAULT 1 NOT NULL REFERENCES organisations(id);--> statement-breakpoint
ALTER TABLE `zgw_subscriptions` ADD `organisation_id` integer DEFAULT 1 NOT NULL REFERENCES organisations(id);--> statement-breakpoint
ALTER TABLE `callback_requests` ADD `organisation_id` integer DEFAULT 1 NOT NULL REFERENCES organisations(id);