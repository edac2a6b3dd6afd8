-- Nothing financial is ever deleted or rewritten (PRODUCT.md section 4, rule 6): corrections are new
-- rows. Decisions and awards are money records; the database refuses to change them.
CREATE TRIGGER awards_no_update BEFORE UPDATE ON awards
BEGIN
  SELECT RAISE(ABORT, 'awards are never changed: record a correction instead');
END;
--> statement-breakpoint
CREATE TRIGGER awards_no_delete BEFORE DELETE ON awards
BEGIN
  SELECT RAISE(ABORT, 'awards are never deleted: record a correction instead');
END;
--> statement-breakpoint
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN
  SELECT RAISE(ABORT, 'decisions are never changed: record a new decision instead');
END;
--> statement-breakpoint
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN
  SELECT RAISE(ABORT, 'decisions are never deleted');
END;
--> statement-breakpoint
-- The pot is never overdrawn and no award exceeds what was asked for (rules 2 and 3), checked by
-- the database as well as the application: a bug or a hand-written query cannot break them.
CREATE TRIGGER awards_within_pot BEFORE INSERT ON awards
WHEN (SELECT COALESCE(SUM(amount_pence), 0) FROM awards WHERE fund_id = NEW.fund_id) + NEW.amount_pence
  > (SELECT pot_pence FROM funds WHERE id = NEW.fund_id)
BEGIN
  SELECT RAISE(ABORT, 'this award would overdraw the fund');
END;
--> statement-breakpoint
CREATE TRIGGER awards_within_request BEFORE INSERT ON awards
WHEN NEW.amount_pence > (SELECT amount_requested_pence FROM bids WHERE id = NEW.bid_id) OR NEW.amount_pence <= 0
BEGIN
  SELECT RAISE(ABORT, 'an award must be more than 0 and no more than the amount requested');
END;
