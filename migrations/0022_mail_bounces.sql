ALTER TABLE `outbox` ADD `bounced_at` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `bounce_kind` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `bounce_status` text;