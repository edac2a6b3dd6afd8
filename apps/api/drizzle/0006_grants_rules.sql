-- Grants and returned money (decision 0012). The rules the application keeps, kept by the
-- database too, so a bug or a hand-written query cannot break them.

-- Rule 2 with returned money (rule 4: "committed = awards − money returned, in every figure"):
-- an award may use what returns have put back in the pot, never more than the pot.
DROP TRIGGER awards_within_pot;
--> statement-breakpoint
CREATE TRIGGER awards_within_pot BEFORE INSERT ON awards
WHEN (SELECT COALESCE(SUM(amount_pence), 0) FROM awards WHERE fund_id = NEW.fund_id)
   - (SELECT COALESCE(SUM(amount_pence), 0) FROM money_returns WHERE fund_id = NEW.fund_id)
   + NEW.amount_pence
   > (SELECT pot_pence FROM funds WHERE id = NEW.fund_id)
BEGIN
  SELECT RAISE(ABORT, 'this award would overdraw the fund');
END;
--> statement-breakpoint
-- The pot can grow, and shrink only down to what is committed.
CREATE TRIGGER funds_pot_covers_committed BEFORE UPDATE OF pot_pence ON funds
WHEN NEW.pot_pence
   < (SELECT COALESCE(SUM(amount_pence), 0) FROM awards WHERE fund_id = NEW.id)
   - (SELECT COALESCE(SUM(amount_pence), 0) FROM money_returns WHERE fund_id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'the pot cannot be less than what is committed');
END;
--> statement-breakpoint
-- Returned money is a money record: never changed or deleted (rule 6), more than nothing, in the
-- grant's own fund, and never more in all than the grant's award.
CREATE TRIGGER money_returns_no_update BEFORE UPDATE ON money_returns
BEGIN
  SELECT RAISE(ABORT, 'returned money is never changed: record a correction instead');
END;
--> statement-breakpoint
CREATE TRIGGER money_returns_no_delete BEFORE DELETE ON money_returns
BEGIN
  SELECT RAISE(ABORT, 'returned money is never deleted: record a correction instead');
END;
--> statement-breakpoint
CREATE TRIGGER money_returns_within_award BEFORE INSERT ON money_returns
WHEN NEW.amount_pence <= 0
  OR NEW.fund_id IS NOT (SELECT fund_id FROM grants WHERE id = NEW.grant_id)
  OR (SELECT COALESCE(SUM(amount_pence), 0) FROM money_returns WHERE grant_id = NEW.grant_id) + NEW.amount_pence
     > (SELECT a.amount_pence FROM grants g JOIN awards a ON a.id = g.award_id WHERE g.id = NEW.grant_id)
BEGIN
  SELECT RAISE(ABORT, 'money returned from a grant must be more than 0 and no more than its award');
END;
--> statement-breakpoint
-- A grant is its award's: same bid, same fund, and those never change; a grant is never deleted.
CREATE TRIGGER grants_match_award BEFORE INSERT ON grants
WHEN NEW.bid_id IS NOT (SELECT bid_id FROM awards WHERE id = NEW.award_id)
  OR NEW.fund_id IS NOT (SELECT fund_id FROM awards WHERE id = NEW.award_id)
  OR NEW.organisation_id IS NOT (SELECT organisation_id FROM bids WHERE id = NEW.bid_id)
BEGIN
  SELECT RAISE(ABORT, 'a grant must belong to its award''s bid, fund and group');
END;
--> statement-breakpoint
CREATE TRIGGER grants_fixed BEFORE UPDATE OF award_id, bid_id, fund_id, organisation_id ON grants
BEGIN
  SELECT RAISE(ABORT, 'a grant''s award, bid, fund and group never change');
END;
--> statement-breakpoint
CREATE TRIGGER grants_no_delete BEFORE DELETE ON grants
BEGIN
  SELECT RAISE(ABORT, 'grants are never deleted');
END;
--> statement-breakpoint
-- Every award made before grants existed becomes a grant: offered (the group has not yet been
-- asked to accept), or in delivery / completed where a bid had somehow reached those states.
-- Its priority and wards are read from the bid's answers, as the budget read them until now.
INSERT INTO grants (id, award_id, bid_id, fund_id, organisation_id, status, main_priority_id, ward_ids, created_at, updated_at)
SELECT
  lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
    || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
    || '-' || lower(hex(randomblob(6))),
  a.id,
  a.bid_id,
  a.fund_id,
  b.organisation_id,
  CASE b.status WHEN 'in_delivery' THEN 'in_delivery' WHEN 'completed' THEN 'completed' ELSE 'offered' END,
  (SELECT p.id FROM bid_sections s JOIN priorities p ON p.id = json_extract(s.data, '$.mainPriorityId')
    WHERE s.bid_id = a.bid_id AND s.section = 'priorities'),
  COALESCE(
    (SELECT json_extract(s.data, '$.wardIds') FROM bid_sections s
      WHERE s.bid_id = a.bid_id AND s.section = 'beneficiaries' AND json_type(s.data, '$.wardIds') = 'array'),
    '[]'
  ),
  a.awarded_at,
  a.awarded_at
FROM awards a JOIN bids b ON b.id = a.bid_id;
--> statement-breakpoint
-- The bid's life ends at the decision: what was the bid's delivery is now the grant's.
UPDATE bids SET status = 'awarded' WHERE status IN ('in_delivery', 'completed');
