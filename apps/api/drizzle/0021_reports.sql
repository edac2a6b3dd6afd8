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
CREATE INDEX `report_evidence_report` ON `report_evidence` (`report_id`);--> statement-breakpoint
-- A grant's ratings are a history (decision 0024): a new rating is a new row, never an edit.
CREATE TRIGGER grant_ratings_no_update BEFORE UPDATE ON grant_ratings
BEGIN
  SELECT RAISE(ABORT, 'a rating is never changed: rate the grant again instead');
END;
--> statement-breakpoint
CREATE TRIGGER grant_ratings_no_delete BEFORE DELETE ON grant_ratings
BEGIN
  SELECT RAISE(ABORT, 'a rating is never deleted');
END;
--> statement-breakpoint
-- Grants made before reports existed (decision 0024) get the reports of reportingSchedule in
-- packages/shared/src/offers.ts, from their bid's delivery dates: a final report 42 days after the
-- end date; and, for awards of £5,000 or more, a mid-point report halfway between the start and end
-- dates (rounded down to the day). A grant whose bid has no delivery dates gets none.
INSERT INTO grant_reports (id, grant_id, kind, due_on, status, version, updated_at)
SELECT
  lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
    || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
    || '-' || lower(hex(randomblob(6))),
  g.id,
  'mid_point',
  date(json_extract(s.data, '$.startDate'),
    '+' || CAST((julianday(json_extract(s.data, '$.endDate')) - julianday(json_extract(s.data, '$.startDate'))) / 2 AS INTEGER) || ' days'),
  'not_started',
  1,
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM grants g
JOIN awards a ON a.id = g.award_id
JOIN bid_sections s ON s.bid_id = g.bid_id AND s.section = 'timetable'
WHERE a.amount_pence >= 500000
  AND json_extract(s.data, '$.startDate') IS NOT NULL AND json_extract(s.data, '$.endDate') IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM grant_reports r WHERE r.grant_id = g.id AND r.kind = 'mid_point');--> statement-breakpoint
INSERT INTO grant_reports (id, grant_id, kind, due_on, status, version, updated_at)
SELECT
  lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
    || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
    || '-' || lower(hex(randomblob(6))),
  g.id,
  'final',
  date(json_extract(s.data, '$.endDate'), '+42 days'),
  'not_started',
  1,
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM grants g
JOIN bid_sections s ON s.bid_id = g.bid_id AND s.section = 'timetable'
WHERE json_extract(s.data, '$.startDate') IS NOT NULL AND json_extract(s.data, '$.endDate') IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM grant_reports r WHERE r.grant_id = g.id AND r.kind = 'final');
