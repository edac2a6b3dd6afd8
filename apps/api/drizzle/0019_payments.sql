CREATE TABLE `bank_account_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`bank_account_id` text NOT NULL,
	`checked_by` text NOT NULL,
	`checked_at` text NOT NULL,
	`phone_number` text NOT NULL,
	`number_from_records` integer NOT NULL,
	FOREIGN KEY (`bank_account_id`) REFERENCES `bank_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_account_checks_bank_account_id_unique` ON `bank_account_checks` (`bank_account_id`);--> statement-breakpoint
CREATE TABLE `bank_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`account_name` text NOT NULL,
	`sort_code` text NOT NULL,
	`account_number` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bank_accounts_organisation` ON `bank_accounts` (`organisation_id`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `grant_endings` (
	`id` text PRIMARY KEY NOT NULL,
	`grant_id` text NOT NULL,
	`reason` text NOT NULL,
	`owed_back_pence` integer NOT NULL,
	`ended_by` text NOT NULL,
	`ended_at` text NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ended_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grant_endings_grant_id_unique` ON `grant_endings` (`grant_id`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`grant_id` text NOT NULL,
	`fund_id` text NOT NULL,
	`amount_pence` integer NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`bank_account_id` text NOT NULL,
	`reverses_payment_id` text,
	`reversal_reason` text,
	`idempotency_key` text,
	`requested_by` text NOT NULL,
	`requested_at` text NOT NULL,
	`approved_by` text,
	`approved_at` text,
	`paid_on` text,
	`paid_reference` text,
	`paid_recorded_by` text,
	`paid_recorded_at` text,
	`rejected_by` text,
	`rejected_at` text,
	`rejected_reason` text,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bank_account_id`) REFERENCES `bank_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reverses_payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`paid_recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rejected_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payments_grant` ON `payments` (`grant_id`);--> statement-breakpoint
CREATE INDEX `payments_fund_status` ON `payments` (`fund_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_idempotency` ON `payments` (`grant_id`,`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_reversal_once` ON `payments` (`reverses_payment_id`);--> statement-breakpoint
ALTER TABLE `funds` ADD `cost_centre` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `funds` ADD `account_code` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `money_returns` ADD `kind` text DEFAULT 'released' NOT NULL;--> statement-breakpoint
ALTER TABLE `money_returns` ADD `received_on` text;--> statement-breakpoint
ALTER TABLE `money_returns` ADD `receipt_reference` text;