DROP INDEX `zgw_mappings_kind_key`;--> statement-breakpoint
ALTER TABLE `zgw_mappings` ADD `organisation_id` integer DEFAULT 1 NOT NULL REFERENCES organisations(id);--> statement-breakpoint
-- A mapping belongs to the organisation of the journey it leads to.
UPDATE `zgw_mappings` SET `organisation_id` = (SELECT `organisation_id` FROM `journeys` WHERE `journeys`.`id` = `zgw_mappings`.`journey_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `zgw_mappings_organisation_kind_key` ON `zgw_mappings` (`organisation_id`,`kind`,`key`);--> statement-breakpoint
DROP INDEX `appointments_patterns`;--> statement-breakpoint
CREATE INDEX `appointments_patterns` ON `appointments` (`organisation_id`,`day`,`product`,`location`,`channel`,`weekday`,`hour`,`lead_band`,`reminded`,`status`);