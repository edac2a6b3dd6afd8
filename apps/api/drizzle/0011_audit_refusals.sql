CREATE TABLE `audit_refusals` (
	`audit_event_id` integer PRIMARY KEY NOT NULL,
	`ip` text NOT NULL,
	`actor_id` text NOT NULL,
	`permission` text NOT NULL,
	`first_at` text NOT NULL,
	`last_at` text NOT NULL,
	`count` integer NOT NULL,
	FOREIGN KEY (`audit_event_id`) REFERENCES `audit_events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_refusals_window` ON `audit_refusals` (`ip`,`actor_id`,`permission`,`first_at`);