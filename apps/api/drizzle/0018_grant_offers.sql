CREATE TABLE `grant_conditions` (
	`id` text PRIMARY KEY NOT NULL,
	`grant_id` text NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	`before_first_payment` integer DEFAULT false NOT NULL,
	`standard` integer DEFAULT false NOT NULL,
	`met_at` text,
	`met_by` text,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`met_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grant_conditions_position` ON `grant_conditions` (`grant_id`,`position`);--> statement-breakpoint
CREATE TABLE `grant_instalments` (
	`id` text PRIMARY KEY NOT NULL,
	`grant_id` text NOT NULL,
	`position` integer NOT NULL,
	`trigger` text NOT NULL,
	`amount_pence` integer NOT NULL,
	FOREIGN KEY (`grant_id`) REFERENCES `grants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grant_instalments_position` ON `grant_instalments` (`grant_id`,`position`);--> statement-breakpoint
ALTER TABLE `funds` ADD `standard_conditions` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `grants` ADD `purpose` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `grants` ADD `offer_deadline` text;--> statement-breakpoint
ALTER TABLE `grants` ADD `offer_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `grants` ADD `issued_at` text;--> statement-breakpoint
ALTER TABLE `grants` ADD `issued_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `grants` ADD `accepted_at` text;--> statement-breakpoint
ALTER TABLE `grants` ADD `accepted_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `grants` ADD `accepted_name` text;--> statement-breakpoint
ALTER TABLE `grants` ADD `accepted_role` text;--> statement-breakpoint
ALTER TABLE `grants` ADD `decline_reason` text;--> statement-breakpoint
ALTER TABLE `grants` ADD `end_reason` text;--> statement-breakpoint
-- Grants made before offers existed (decision 0022): each gets the purpose its bid gave (the
-- summary, else the title) and the default payment schedule of defaultSchedule in
-- packages/shared/src/payments.ts: 80% on acceptance rounded down to the penny, the rest (with the
-- odd penny) on the final report; an award too small to split is paid in one. Their offers stay
-- drafts for the officer to check and issue.
UPDATE grants SET purpose = coalesce(
  nullif(trim((SELECT json_extract(s.data, '$.summary') FROM bid_sections s WHERE s.bid_id = grants.bid_id AND s.section = 'about')), ''),
  nullif(trim((SELECT b.title FROM bids b WHERE b.id = grants.bid_id)), ''),
  ''
) WHERE purpose = '';--> statement-breakpoint
INSERT INTO grant_instalments (id, grant_id, position, trigger, amount_pence)
SELECT
  lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
    || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
    || '-' || lower(hex(randomblob(6))),
  g.id,
  1,
  'acceptance',
  CASE WHEN a.amount_pence * 80 / 100 > 0 AND a.amount_pence - a.amount_pence * 80 / 100 > 0
    THEN a.amount_pence * 80 / 100 ELSE a.amount_pence END
FROM grants g JOIN awards a ON a.id = g.award_id
WHERE NOT EXISTS (SELECT 1 FROM grant_instalments i WHERE i.grant_id = g.id);--> statement-breakpoint
INSERT INTO grant_instalments (id, grant_id, position, trigger, amount_pence)
SELECT
  lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
    || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
    || '-' || lower(hex(randomblob(6))),
  g.id,
  2,
  'final_report',
  a.amount_pence - a.amount_pence * 80 / 100
FROM grants g JOIN awards a ON a.id = g.award_id
WHERE a.amount_pence * 80 / 100 > 0 AND a.amount_pence - a.amount_pence * 80 / 100 > 0
  AND NOT EXISTS (SELECT 1 FROM grant_instalments i WHERE i.grant_id = g.id AND i.position = 2);
