ALTER TABLE `invitations` ADD `delivery` text DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE `invitations` ADD `code_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_code_hash_unique` ON `invitations` (`code_hash`);