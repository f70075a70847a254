CREATE TABLE `driver_rollups` (
	`journey_id` integer NOT NULL,
	`segment_key` text NOT NULL,
	`segment_value` text NOT NULL,
	`day` text NOT NULL,
	`channel` text NOT NULL,
	`moments` blob NOT NULL,
	PRIMARY KEY(`journey_id`, `segment_key`, `segment_value`, `day`, `channel`)
);
