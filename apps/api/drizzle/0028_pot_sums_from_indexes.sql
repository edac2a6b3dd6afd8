DROP INDEX `awards_fund`;--> statement-breakpoint
CREATE INDEX `awards_fund_amount` ON `awards` (`fund_id`,`amount_pence`);--> statement-breakpoint
DROP INDEX `money_returns_fund`;--> statement-breakpoint
CREATE INDEX `money_returns_fund_amount` ON `money_returns` (`fund_id`,`amount_pence`);