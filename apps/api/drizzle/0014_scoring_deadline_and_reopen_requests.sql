CREATE TABLE `reopen_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`assignment_id` text NOT NULL,
	`bid_id` text NOT NULL,
	`requested_by` text NOT NULL,
	`reason` text NOT NULL,
	`requested_at` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`answered_by` text,
	`answered_at` text,
	`answer` text,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reopen_requests_open` ON `reopen_requests` (`assignment_id`) WHERE "reopen_requests"."status" = 'open';--> statement-breakpoint
CREATE INDEX `reopen_requests_bid` ON `reopen_requests` (`bid_id`);--> statement-breakpoint
ALTER TABLE `funds` ADD `scores_due_on` text;