CREATE TABLE `assessor_conflicts` (
	`assessor_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`nature` text NOT NULL,
	`declared_at` text NOT NULL,
	`bid_id` text,
	PRIMARY KEY(`assessor_id`, `organisation_id`),
	FOREIGN KEY (`assessor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`bid_id` text NOT NULL,
	`assessor_id` text NOT NULL,
	`status` text DEFAULT 'awaiting_declaration' NOT NULL,
	`assigned_by` text NOT NULL,
	`assigned_at` text NOT NULL,
	`declared_at` text,
	`conflict_nature` text,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_live` ON `assignments` (`bid_id`,`assessor_id`) WHERE "assignments"."status" IN ('awaiting_declaration', 'scoring', 'submitted');--> statement-breakpoint
CREATE INDEX `assignments_assessor` ON `assignments` (`assessor_id`);--> statement-breakpoint
CREATE TABLE `awards` (
	`id` text PRIMARY KEY NOT NULL,
	`bid_id` text NOT NULL,
	`fund_id` text NOT NULL,
	`decision_id` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`awarded_at` text NOT NULL,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `awards_bid_id_unique` ON `awards` (`bid_id`);--> statement-breakpoint
CREATE INDEX `awards_fund` ON `awards` (`fund_id`);--> statement-breakpoint
CREATE TABLE `decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`bid_id` text NOT NULL,
	`fund_id` text NOT NULL,
	`panel_id` text,
	`outcome` text NOT NULL,
	`amount_pence` integer,
	`reason` text,
	`decided_by` text NOT NULL,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`panel_id`) REFERENCES `panels`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `decisions_final` ON `decisions` (`bid_id`) WHERE "decisions"."outcome" IN ('award', 'reject');--> statement-breakpoint
CREATE INDEX `decisions_fund` ON `decisions` (`fund_id`);--> statement-breakpoint
CREATE TABLE `moderation_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`bid_id` text NOT NULL,
	`note` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `panels` (
	`id` text PRIMARY KEY NOT NULL,
	`fund_id` text NOT NULL,
	`panel_date` text NOT NULL,
	`minutes` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `score_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`assignment_id` text NOT NULL,
	`bid_id` text NOT NULL,
	`assessor_id` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`recommendation` text,
	`overall_comment` text,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` text NOT NULL,
	`submitted_at` text,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `score_sets_assignment_id_unique` ON `score_sets` (`assignment_id`);--> statement-breakpoint
CREATE TABLE `scores` (
	`score_set_id` text NOT NULL,
	`criterion_id` text NOT NULL,
	`score` integer,
	`comment` text,
	PRIMARY KEY(`score_set_id`, `criterion_id`),
	FOREIGN KEY (`score_set_id`) REFERENCES `score_sets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`criterion_id`) REFERENCES `fund_criteria`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `screenings` (
	`id` text PRIMARY KEY NOT NULL,
	`bid_id` text NOT NULL,
	`decision` text NOT NULL,
	`documents_valid` integer NOT NULL,
	`group_verified` integer NOT NULL,
	`reason` text,
	`screened_by` text NOT NULL,
	`screened_at` text NOT NULL,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`screened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `screenings_bid` ON `screenings` (`bid_id`);