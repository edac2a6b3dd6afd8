ALTER TABLE `bids` ADD `changes_asked` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `organisations` ADD `updated_at` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `updated_by` text REFERENCES users(id);