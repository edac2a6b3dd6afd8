CREATE TABLE `grants` (
	`id` text PRIMARY KEY NOT NULL,
	`award_id` text NOT NULL,
	`bid_id` text NOT NULL,
	`fund_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`status` text DEFAULT 'offered' NOT NULL,
	`main_priority_id` text,
	`ward_ids` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`award_id`) REFERENCES `awards`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`main_priority_id`) REFERENCES `priorities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grants_award_id_unique` ON `grants` (`award_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `grants_bid_id_unique` ON `grants` (`bid_id`);--> statement-breakpoint
CREATE INDEX `grants_fund` ON `grants` (`fund_id`);--> statement-breakpoint
CREATE INDEX `grants_organisation` ON `grants` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `money_returns` (
	`id` text PRIMARY KEY NOT NULL,
	`grant_id` text NOT NULL,
	`fund_id` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`reason` text NOT NULL,
	`recorded_by` text,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `money_returns_fund` ON `money_returns` (`fund_id`);--> statement-breakpoint
CREATE INDEX `money_returns_grant` ON `money_returns` (`grant_id`);