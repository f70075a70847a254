CREATE TABLE `no_show_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invitation_id` integer NOT NULL,
	`appointment_id` integer NOT NULL,
	`reason` text NOT NULL,
	`comment` text,
	`booking_feeling` integer,
	`submitted_at` integer NOT NULL,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `no_show_responses_invitation_id_unique` ON `no_show_responses` (`invitation_id`);--> statement-breakpoint
CREATE INDEX `no_show_responses_appointment` ON `no_show_responses` (`appointment_id`);--> statement-breakpoint
ALTER TABLE `invitations` ADD `kind` text DEFAULT 'journey' NOT NULL;--> statement-breakpoint
ALTER TABLE `invitations` ADD `appointment_id` integer;