CREATE TABLE `grant_ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`grant_id` text NOT NULL,
	`report_id` text,
	`rating` text NOT NULL,
	`suggested_rating` text NOT NULL,
	`reason` text,
	`rated_by` text NOT NULL,
	`rated_at` text NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`report_id`) REFERENCES `grant_reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `grant_ratings_grant` ON `grant_ratings` (`grant_id`,`rated_at`);--> statement-breakpoint
CREATE TABLE `grant_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`grant_id` text NOT NULL,
	`kind` text NOT NULL,
	`due_on` text NOT NULL,
	`status` text DEFAULT 'not_started' NOT NULL,
	`progress` text,
	`spend` text,
	`outcomes` text,
	`story` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	`submitted_at` text,
	`submitted_by` text,
	`decided_at` text,
	`decided_by` text,
	`return_comments` text,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grant_reports_grant_kind` ON `grant_reports` (`grant_id`,`kind`);--> statement-breakpoint
CREATE INDEX `grant_reports_due` ON `grant_reports` (`due_on`);--> statement-breakpoint
CREATE TABLE `report_evidence` (
	`id` text PRIMARY KEY NOT NULL,
	`report_id` text NOT NULL,
	`filename` text NOT NULL,
	`stored_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `grant_reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_evidence_stored_name_unique` ON `report_evidence` (`stored_name`);--> statement-breakpoint
CREATE INDEX `report_evidence_report` ON `report_evidence` (`report_id`);