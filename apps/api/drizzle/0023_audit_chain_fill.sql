-- The audit trail's hash chain (decision 0026). Events written before the chain existed get their
-- links here, oldest first: SHA-256 needs the audit_hash(…) function that openDatabase registers on
-- its connection before migrating (src/lib/audit-chain.ts), the same one the application uses, so a
-- filled event and a new one are hashed alike. Applied any other way (without that function), this
-- migration fails rather than leave the chain half built.
--
-- Filling is the one UPDATE the trail ever takes: the append-only trigger is dropped for it and put
-- back as it was, inside the migration's transaction, so no other writer can slip in meanwhile.
DROP TRIGGER audit_events_no_update;
--> statement-breakpoint
CREATE TEMP TABLE audit_chain_fill AS
WITH RECURSIVE chain(id, prev_hash, hash) AS (
  SELECT e.id, NULL,
    audit_hash(e.id, e.created_at, e.actor_id, e.action, e.entity_type, e.entity_id, e.before, e.after, e.reason, e.ip, NULL)
  FROM audit_events e
  WHERE e.id = (SELECT min(id) FROM audit_events)
  UNION ALL
  SELECT e.id, c.hash,
    audit_hash(e.id, e.created_at, e.actor_id, e.action, e.entity_type, e.entity_id, e.before, e.after, e.reason, e.ip, c.hash)
  FROM chain c
  JOIN audit_events e ON e.id = (SELECT min(id) FROM audit_events WHERE id > c.id)
)
SELECT id, prev_hash, hash FROM chain;
--> statement-breakpoint
UPDATE audit_events
SET prev_hash = (SELECT f.prev_hash FROM audit_chain_fill f WHERE f.id = audit_events.id),
    hash = (SELECT f.hash FROM audit_chain_fill f WHERE f.id = audit_events.id);
--> statement-breakpoint
DROP TABLE audit_chain_fill;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE is not allowed');
END;
--> statement-breakpoint
-- Every new event continues the chain: the next id, the newest event's hash as its prev_hash, and a
-- hash of its own. Two writers cannot both continue from the same event (SQLite has one writer; the
-- second would find the first's event newest and be refused, never fork the chain).
CREATE TRIGGER audit_events_chained BEFORE INSERT ON audit_events
WHEN NEW.hash IS NULL
  OR NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM audit_events)
  OR NEW.prev_hash IS NOT (SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1)
BEGIN
  SELECT RAISE(ABORT, 'audit_events is a hash chain: an event must continue it from the newest one');
END;
