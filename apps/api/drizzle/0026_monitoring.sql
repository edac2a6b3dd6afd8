CREATE TABLE `job_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`job` text NOT NULL,
	`run_on` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`outcome` text,
	`error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_runs_job_day` ON `job_runs` (`job`,`run_on`);--> statement-breakpoint
CREATE TABLE `report_reminders` (
	`id` text PRIMARY KEY NOT NULL,
	`report_id` text NOT NULL,
	`kind` text NOT NULL,
	`sent_on` text NOT NULL,
	`due_on` text NOT NULL,
	`recipients` integer NOT NULL,
	`sent_at` text NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `grant_reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_reminders_report_kind` ON `report_reminders` (`report_id`,`kind`);