-- The count beside each access.denied row is part of the audit trail: it only ever goes up, and the
-- refusal it counts (which row, address, person, permission, when it began) never changes, nor is
-- it deleted.
CREATE TRIGGER audit_refusals_only_count_up BEFORE UPDATE ON audit_refusals
WHEN NEW.audit_event_id IS NOT OLD.audit_event_id
  OR NEW.ip IS NOT OLD.ip
  OR NEW.actor_id IS NOT OLD.actor_id
  OR NEW.permission IS NOT OLD.permission
  OR NEW.first_at IS NOT OLD.first_at
  OR NEW.count < OLD.count
  OR NEW.last_at < OLD.last_at
BEGIN
  SELECT RAISE(ABORT, 'audit_refusals only counts up: nothing else may change');
END;
--> statement-breakpoint
CREATE TRIGGER audit_refusals_no_delete BEFORE DELETE ON audit_refusals
BEGIN
  SELECT RAISE(ABORT, 'audit_refusals is part of the audit trail: DELETE is not allowed');
END;
