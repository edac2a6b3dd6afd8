ALTER TABLE `score_sets` ADD `set_aside_at` text;--> statement-breakpoint
ALTER TABLE `score_sets` ADD `set_aside_reason` text;