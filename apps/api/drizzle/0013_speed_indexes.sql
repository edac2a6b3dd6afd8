CREATE INDEX `assessor_conflicts_organisation` ON `assessor_conflicts` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `assignments_bid_status` ON `assignments` (`bid_id`,`status`);--> statement-breakpoint
CREATE INDEX `decisions_bid` ON `decisions` (`bid_id`,`decided_at`);--> statement-breakpoint
CREATE INDEX `moderation_notes_bid` ON `moderation_notes` (`bid_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `score_sets_bid` ON `score_sets` (`bid_id`);--> statement-breakpoint
CREATE INDEX `bids_updated` ON `bids` (`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `bids_fund_updated` ON `bids` (`fund_id`,`updated_at`,`id`);