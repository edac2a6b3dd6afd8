DROP INDEX `bids_fund_status`;--> statement-breakpoint
CREATE INDEX `bids_fund_status` ON `bids` (`fund_id`,`status`,`amount_requested_pence`);--> statement-breakpoint
DROP INDEX `payments_fund_status`;--> statement-breakpoint
CREATE INDEX `payments_fund_status` ON `payments` (`fund_id`,`status`,`amount_pence`);