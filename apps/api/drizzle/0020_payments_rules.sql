-- Paying grants (decision 0023): the rules the application keeps, kept by the database too, so a
-- bug or a hand-written query cannot break them. Nothing financial is ever deleted or rewritten
-- (PRODUCT.md section 4, rule 6).

-- Bank details are a history: a change is a new row, never an edit.
CREATE TRIGGER bank_accounts_no_update BEFORE UPDATE ON bank_accounts
BEGIN
  SELECT RAISE(ABORT, 'bank details are never changed: record the new details instead');
END;
--> statement-breakpoint
CREATE TRIGGER bank_accounts_no_delete BEFORE DELETE ON bank_accounts
BEGIN
  SELECT RAISE(ABORT, 'bank details are never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER bank_account_checks_no_update BEFORE UPDATE ON bank_account_checks
BEGIN
  SELECT RAISE(ABORT, 'a bank details check is never changed');
END;
--> statement-breakpoint
CREATE TRIGGER bank_account_checks_no_delete BEFORE DELETE ON bank_account_checks
BEGIN
  SELECT RAISE(ABORT, 'a bank details check is never deleted');
END;
--> statement-breakpoint
-- Two people: whoever recorded the details never checks them.
CREATE TRIGGER bank_account_checks_by_another BEFORE INSERT ON bank_account_checks
WHEN NEW.checked_by = (SELECT recorded_by FROM bank_accounts WHERE id = NEW.bank_account_id)
  OR NEW.number_from_records IS NOT 1
BEGIN
  SELECT RAISE(ABORT, 'bank details are checked by someone other than who recorded them, on a number from the council''s records');
END;
--> statement-breakpoint
-- A payment is never deleted; its grant, fund, amount, account and what it reverses never change.
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN
  SELECT RAISE(ABORT, 'payments are never deleted: record a reversing entry instead');
END;
--> statement-breakpoint
CREATE TRIGGER payments_fixed BEFORE UPDATE OF grant_id, fund_id, amount_pence, bank_account_id, reverses_payment_id, trigger, requested_by, requested_at, idempotency_key ON payments
BEGIN
  SELECT RAISE(ABORT, 'a payment''s amount and what it is for never change: record a reversing entry instead');
END;
--> statement-breakpoint
-- Only the moves of PAYMENT_TRANSITIONS: requested → approved | rejected, approved → paid | rejected.
CREATE TRIGGER payments_moves BEFORE UPDATE OF status ON payments
WHEN NOT ((OLD.status = 'requested' AND NEW.status IN ('approved', 'rejected'))
       OR (OLD.status = 'approved' AND NEW.status IN ('paid', 'rejected')))
BEGIN
  SELECT RAISE(ABORT, 'a payment moves only from requested to approved or rejected, and from approved to paid or rejected');
END;
--> statement-breakpoint
-- Two people: the approver is never the requester.
CREATE TRIGGER payments_approved_by_another BEFORE UPDATE OF approved_by ON payments
WHEN NEW.approved_by = NEW.requested_by
BEGIN
  SELECT RAISE(ABORT, 'a payment is approved by someone other than who asked for it');
END;
--> statement-breakpoint
-- A payment is more than nothing, in the grant's fund, and with what is paid or on its way never
-- more than the award. A reversing entry is the negative of a paid payment of the same grant.
CREATE TRIGGER payments_within_award BEFORE INSERT ON payments
WHEN NEW.fund_id IS NOT (SELECT fund_id FROM grants WHERE id = NEW.grant_id)
  OR (NEW.reverses_payment_id IS NULL AND (NEW.amount_pence <= 0
      OR (SELECT COALESCE(SUM(amount_pence), 0) FROM payments
          WHERE grant_id = NEW.grant_id AND status IN ('requested', 'approved', 'paid')) + NEW.amount_pence
         > (SELECT a.amount_pence FROM grants g JOIN awards a ON a.id = g.award_id WHERE g.id = NEW.grant_id)))
  OR (NEW.reverses_payment_id IS NOT NULL AND (NEW.status IS NOT 'paid'
      OR NEW.amount_pence IS NOT -(SELECT amount_pence FROM payments
          WHERE id = NEW.reverses_payment_id AND grant_id = NEW.grant_id AND status = 'paid' AND amount_pence > 0)))
BEGIN
  SELECT RAISE(ABORT, 'a payment must be more than 0 and never take the grant past its award; a reversal undoes one paid payment of the same grant');
END;
--> statement-breakpoint
CREATE TRIGGER grant_endings_no_update BEFORE UPDATE ON grant_endings
BEGIN
  SELECT RAISE(ABORT, 'how a grant ended is never changed');
END;
--> statement-breakpoint
CREATE TRIGGER grant_endings_no_delete BEFORE DELETE ON grant_endings
BEGIN
  SELECT RAISE(ABORT, 'how a grant ended is never deleted');
END;
--> statement-breakpoint
-- Returned money: the kind and its details never change once written (the no-update trigger of
-- 0006 covers the row); money paid back is never more than was paid, less what came back before.
CREATE TRIGGER money_returns_within_paid BEFORE INSERT ON money_returns
WHEN NEW.kind = 'returned'
  AND (SELECT COALESCE(SUM(amount_pence), 0) FROM money_returns WHERE grant_id = NEW.grant_id AND kind = 'returned')
      + NEW.amount_pence
      > (SELECT COALESCE(SUM(amount_pence), 0) FROM payments WHERE grant_id = NEW.grant_id AND status = 'paid')
BEGIN
  SELECT RAISE(ABORT, 'money paid back cannot be more than was paid');
END;
