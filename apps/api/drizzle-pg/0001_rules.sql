-- The database rules of Communities Fund, for PostgreSQL 15: the 33 rule triggers of the SQLite
-- migrations (apps/api/drizzle/*.sql) in PL/pgSQL, the audit chain's audit_hash(…) and
-- fill_null_id(). Run it after the tables exist; running it again replaces everything it creates.
--
-- Not ported: the four bid_search_* triggers (they maintain SQLite's FTS5 table; PostgreSQL
-- searches bids through a pg_trgm index instead).
--
-- How SQLite's rules were carried over:
--  * Every refusal is RAISE EXCEPTION with the SQLite RAISE(ABORT, '…') text unchanged and
--    ERRCODE 'raise_exception' (SQLSTATE P0001).
--  * A SQLite WHEN becomes an IF in the function (a PostgreSQL trigger's WHEN cannot hold a
--    subquery). The conditions are the SQLite expressions, with `IS NOT` (SQLite's null-aware
--    comparison) written `IS DISTINCT FROM`. AND/OR/NOT and comparisons with NULL follow the same
--    three-valued logic in both, and an IF whose condition is NULL does not raise, just as a
--    trigger whose WHEN is NULL does not fire.
--  * `BEFORE UPDATE OF cols` has the same meaning in both: the trigger fires when one of the
--    columns is assigned in the UPDATE's SET, even to the value it already has.
--  * Text compared by order (audit_refusals.last_at) uses COLLATE "C": byte order, as SQLite's
--    BINARY collation, whatever the database's collation.
--  * SUM over bigint is numeric in PostgreSQL, integer in SQLite: the comparisons come out alike.
--  * Firing order. When several BEFORE triggers of one table and event would refuse the same row,
--    the first to fire gives the message. SQLite fires the newest trigger first; PostgreSQL fires
--    them in order of name. The names below keep SQLite's names except where that would change
--    which message wins: money_returns' INSERT triggers and payments' UPDATE triggers carry a
--    number giving SQLite's order (the functions keep the SQLite names).
--  * No trigger writes anything: audit_events_chained only checks that an insert continues the
--    chain (the application computes hash and prev_hash), so it stays a check here too.

-- ---------------------------------------------------------------------------------------------
-- audit_hash(id, at, actor_id, action, entity_type, entity_id, before, after, reason, ip, prev_hash)
-- Same hex string as auditHashFromSql in apps/api/src/db/audit-chain.ts: SHA-256 over the UTF-8
-- bytes of JSON.stringify([id, at, actorId, action, entityType, entityId, before, after, reason,
-- ip, prevHash]). Built by hand, with no spaces (json_build_array writes ", "):
--  * id: auditHashFromSql takes Number(id), so a null id is written 0;
--  * at, action, entity_type: it takes String(…), so a null is the string "null";
--  * the other texts: null is written null;
--  * strings: to_json(text) escapes as JSON.stringify does (\" \\ \b \f \n \r \t, other control
--    characters as \u00xx in lower case, everything else, non-ASCII included, as it is).
-- ---------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION audit_hash(
  id bigint, at text, actor_id text, action text, entity_type text, entity_id text,
  before text, after text, reason text, ip text, prev_hash text
) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT encode(sha256(convert_to(
    '[' || coalesce(id, 0)::text
    || ',' || to_json(coalesce(at, 'null'))::text
    || ',' || coalesce(to_json(actor_id)::text, 'null')
    || ',' || to_json(coalesce(action, 'null'))::text
    || ',' || to_json(coalesce(entity_type, 'null'))::text
    || ',' || coalesce(to_json(entity_id)::text, 'null')
    || ',' || coalesce(to_json(before)::text, 'null')
    || ',' || coalesce(to_json(after)::text, 'null')
    || ',' || coalesce(to_json(reason)::text, 'null')
    || ',' || coalesce(to_json(ip)::text, 'null')
    || ',' || coalesce(to_json(prev_hash)::text, 'null')
    || ']', 'UTF8')), 'hex')
$$;

-- ---------------------------------------------------------------------------------------------
-- fill_null_id(): drizzle's SQLite dialect sends an explicit NULL for an autoincrement id, which
-- SQLite fills and PostgreSQL refuses. This fills it from the id column's sequence (an identity
-- column's too). Installed as "a0_fill_id", so it runs before the table's other BEFORE INSERT
-- triggers (PostgreSQL fires them in order of name): audit_events_chained sees the filled id.
-- ---------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION fill_null_id() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS NULL THEN
    NEW.id := nextval(pg_get_serial_sequence(
      quote_ident(TG_TABLE_SCHEMA) || '.' || quote_ident(TG_TABLE_NAME), 'id')::regclass);
  END IF;
  RETURN NEW;
END;
$$;

CREATE OR REPLACE TRIGGER a0_fill_id BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION fill_null_id();
CREATE OR REPLACE TRIGGER a0_fill_id BEFORE INSERT ON auth_failures
  FOR EACH ROW EXECUTE FUNCTION fill_null_id();

-- ---------------------------------------------------------------------------------------------
-- refuse_write(message): the unconditional rules (append-only tables, columns that never
-- change). It refuses every row it fires for, with the message given as the trigger's argument.
-- ---------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION refuse_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'raise_exception';
END;
$$;

-- audit_events (0001, 0023) ---------------------------------------------------------------------
CREATE OR REPLACE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION refuse_write('audit_events is append-only: DELETE is not allowed');
CREATE OR REPLACE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION refuse_write('audit_events is append-only: UPDATE is not allowed');

-- A new event continues the chain: it has a hash, the next id, and the newest event's hash as its
-- prev_hash. Nothing is filled in: what is stored is what the writer inserted, as in SQLite.
CREATE OR REPLACE FUNCTION audit_events_chained() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.hash IS NULL
     OR NEW.id IS DISTINCT FROM (SELECT coalesce(max(id), 0) + 1 FROM audit_events)
     OR NEW.prev_hash IS DISTINCT FROM (SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1)
  THEN
    RAISE EXCEPTION 'audit_events is a hash chain: an event must continue it from the newest one'
      USING ERRCODE = 'raise_exception';
  END IF;
  RETURN NEW;
END;
$$;
CREATE OR REPLACE TRIGGER audit_events_chained BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_chained();

-- audit_refusals (0012) -------------------------------------------------------------------------
CREATE OR REPLACE TRIGGER audit_refusals_no_delete BEFORE DELETE ON audit_refusals
  FOR EACH ROW EXECUTE FUNCTION refuse_write('audit_refusals is part of the audit trail: DELETE is not allowed');

CREATE OR REPLACE FUNCTION audit_refusals_only_count_up() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.audit_event_id IS DISTINCT FROM OLD.audit_event_id
     OR NEW.ip IS DISTINCT FROM OLD.ip
     OR NEW.actor_id IS DISTINCT FROM OLD.actor_id
     OR NEW.permission IS DISTINCT FROM OLD.permission
     OR NEW.first_at IS DISTINCT FROM OLD.first_at
     OR NEW.count < OLD.count
     OR NEW.last_at COLLATE "C" < OLD.last_at COLLATE "C"
  THEN
    RAISE EXCEPTION 'audit_refusals only counts up: nothing else may change'
      USING ERRCODE = 'raise_exception';
  END IF;
  RETURN NEW;
END;
$$;
CREATE OR REPLACE TRIGGER audit_refusals_only_count_up BEFORE UPDATE ON audit_refusals
  FOR EACH ROW EXECUTE FUNCTION audit_refusals_only_count_up();

-- awards (0004, 0006) ---------------------------------------------------------------------------
CREATE OR REPLACE TRIGGER awards_no_delete BEFORE DELETE ON awards
  FOR EACH ROW EXECUTE FUNCTION refuse_write('awards are never deleted: record a correction instead');
CREATE OR REPLACE TRIGGER awards_no_update BEFORE UPDATE ON awards
  FOR EACH ROW EXECUTE FUNCTION refuse_write('awards are never changed: record a correction instead');

-- The pot rule: what the fund has committed (awards less money returned) plus this award stays
-- within the pot. (Fires before awards_within_request, as in SQLite.)
CREATE OR REPLACE FUNCTION awards_within_pot() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT COALESCE(SUM(amount_pence), 0) FROM awards WHERE fund_id = NEW.fund_id)
     - (SELECT COALESCE(SUM(amount_pence), 0) FROM money_returns WHERE fund_id = NEW.fund_id)
     + NEW.amount_pence
     > (SELECT pot_pence FROM funds WHERE id = NEW.fund_id)
  THEN
    RAISE EXCEPTION 'this award would overdraw the fund' USING ERRCODE = 'raise_exception';
  END IF;
  RETURN NEW;
END;
$$;
CREATE OR REPLACE TRIGGER awards_within_pot BEFORE INSERT ON awards
  FOR EACH ROW EXECUTE FUNCTION awards_within_pot();

CREATE OR REPLACE FUNCTION awards_within_request() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.amount_pence > (SELECT amount_requested_pence FROM bids WHERE id = NEW.bid_id)
     OR NEW.amount_pence <= 0
  THEN
    RAISE EXCEPTION 'an award must be more than 0 and no more than the amount requested'
      USING ERRCODE = 'raise_exception';
  END IF;
  RETURN NEW;
END;
$$;
CREATE OR REPLACE TRIGGER awards_within_request BEFORE INSERT ON awards
  FOR EACH ROW EXECUTE FUNCTION awards_within_request();

-- bank_account_checks, bank_accounts (0020) -----------------------------------------------------
CREATE OR REPLACE FUNCTION bank_account_checks_by_another() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.checked_by = (SELECT recorded_by FROM bank_accounts WHERE id = NEW.bank_account_id)
     OR NEW.number_from_records IS DISTINCT FROM 1
  THEN
    RAISE EXCEPTION 'bank details are checked by someone other than who recorded them, on a number from the council''s records'
      USING ERRCODE = 'raise_exception';
  END IF;
  RETURN NEW;
END;
$$;
CREATE OR REPLACE TRIGGER bank_account_checks_by_another BEFORE INSERT ON bank_account_checks
  FOR EACH ROW EXECUTE FUNCTION bank_account_checks_by_another();

CREATE OR REPLACE TRIGGER bank_account_checks_no_delete BEFORE DELETE ON bank_account_checks
  FOR EACH ROW EXECUTE FUNCTION refuse_write('a bank details check is never deleted');
CREATE OR REPLACE TRIGGER bank_account_checks_no_update BEFORE UPDATE ON bank_account_checks
  FOR EACH ROW EXECUTE FUNCTION refuse_write('a bank details check is never changed');
CREATE OR REPLACE TRIGGER bank_accounts_no_delete BEFORE DELETE ON bank_accounts
  FOR EACH ROW EXECUTE FUNCTION refuse_write('bank details are never deleted');
CREATE OR REPLACE TRIGGER bank_accounts_no_update BEFORE UPDATE ON bank_accounts
  FOR EACH ROW EXECUTE FUNCTION refuse_write('bank details are never changed: record the new details instead');

-- decisions (0004) ------------------------------------------------------------------------------
CREATE OR REPLACE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
  FOR EACH ROW EXECUTE FUNCTION refuse_write('decisions are never deleted');
CREATE OR REPLACE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
  FOR EACH ROW EXECUTE FUNCTION refuse_write('decisions are never changed: record a new decision instead');

-- funds (0006) ----------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION funds_pot_covers_committed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.pot_pence
     < (SELECT COALESCE(SUM(amount_pence), 0) FROM awards WHERE fund_id = NEW.id)
     - (SELECT COALESCE(SUM(amount_pence), 0) FROM money_returns WHERE fund_id = NEW.id)
  THEN
    RAISE EXCEPTION 'the pot cannot be less than what is committed' USING ERRCODE = 'raise_exception';
  END IF;
  RETURN NEW;
END;
$$;
CREATE OR REPLACE TRIGGER funds_pot_covers_committed BEFORE UPDATE OF pot_pence ON funds
  FOR EACH ROW EXECUTE FUNCTION funds_pot_covers_committed();

-- grant_endings, grant_ratings (0020, 0025) -----------------------------------------------------
CREATE OR REPLACE TRIGGER grant_endings_no_delete BEFORE DELETE ON grant_endings
  FOR EACH ROW EXECUTE FUNCTION refuse_write('how a grant ended is never deleted');
CREATE OR REPLACE TRIGGER grant_endings_no_update BEFORE UPDATE ON grant_endings
  FOR EACH ROW EXECUTE FUNCTION refuse_write('how a grant ended is never changed');
CREATE OR REPLACE TRIGGER grant_ratings_no_delete BEFORE DELETE ON grant_ratings
  FOR EACH ROW EXECUTE FUNCTION refuse_write('a rating is never deleted');
CREATE OR REPLACE TRIGGER grant_ratings_no_update BEFORE UPDATE ON grant_ratings
  FOR EACH ROW EXECUTE FUNCTION refuse_write('a rating is never changed: rate the grant again instead');

-- grants (0006) ---------------------------------------------------------------------------------
CREATE OR REPLACE TRIGGER grants_fixed BEFORE UPDATE OF award_id, bid_id, fund_id, organisation_id ON grants
  FOR EACH ROW EXECUTE FUNCTION refuse_write('a grant''s award, bid, fund and group never change');

CREATE OR REPLACE FUNCTION grants_match_award() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.bid_id IS DISTINCT FROM (SELECT bid_id FROM awards WHERE id = NEW.award_id)
     OR NEW.fund_id IS DISTINCT FROM (SELECT fund_id FROM awards WHERE id = NEW.award_id)
     OR NEW.organisation_id IS DISTINCT FROM (SELECT organisation_id FROM bids WHERE id = NEW.bid_id)
  THEN
    RAISE EXCEPTION 'a grant must belong to its award''s bid, fund and group'
      USING ERRCODE = 'raise_exception';
  END IF;
  RETURN NEW;
END;
$$;
CREATE OR REPLACE TRIGGER grants_match_award BEFORE INSERT ON grants
  FOR EACH ROW EXECUTE FUNCTION grants_match_award();

CREATE OR REPLACE TRIGGER grants_no_delete BEFORE DELETE ON grants
  FOR EACH ROW EXECUTE FUNCTION refuse_write('grants are never deleted');

-- money_returns (0006, 0020) --------------------------------------------------------------------
CREATE OR REPLACE TRIGGER money_returns_no_delete BEFORE DELETE ON money_returns
  FOR EACH ROW EXECUTE FUNCTION refuse_write('returned money is never deleted: record a correction instead');
CREATE OR REPLACE TRIGGER money_returns_no_update BEFORE UPDATE ON money_returns
  FOR EACH ROW EXECUTE FUNCTION refuse_write('returned money is never changed: record a correction instead');

CREATE OR REPLACE FUNCTION money_returns_within_award() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.amount_pence <= 0
     OR NEW.fund_id IS DISTINCT FROM (SELECT fund_id FROM grants WHERE id = NEW.grant_id)
     OR (SELECT COALESCE(SUM(amount_pence), 0) FROM money_returns WHERE grant_id = NEW.grant_id) + NEW.amount_pence
        > (SELECT a.amount_pence FROM grants g JOIN awards a ON a.id = g.award_id WHERE g.id = NEW.grant_id)
  THEN
    RAISE EXCEPTION 'money returned from a grant must be more than 0 and no more than its award'
      USING ERRCODE = 'raise_exception';
  END IF;
  RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION money_returns_within_paid() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind = 'returned'
     AND (SELECT COALESCE(SUM(amount_pence), 0) FROM money_returns WHERE grant_id = NEW.grant_id AND kind = 'returned')
         + NEW.amount_pence
         > (SELECT COALESCE(SUM(amount_pence), 0) FROM payments WHERE grant_id = NEW.grant_id AND status = 'paid')
  THEN
    RAISE EXCEPTION 'money paid back cannot be more than was paid' USING ERRCODE = 'raise_exception';
  END IF;
  RETURN NEW;
END;
$$;

-- SQLite fires money_returns_within_paid (0020) before money_returns_within_award (0006).
CREATE OR REPLACE TRIGGER money_returns_1_within_paid BEFORE INSERT ON money_returns
  FOR EACH ROW EXECUTE FUNCTION money_returns_within_paid();
CREATE OR REPLACE TRIGGER money_returns_2_within_award BEFORE INSERT ON money_returns
  FOR EACH ROW EXECUTE FUNCTION money_returns_within_award();

-- payments (0020) -------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION payments_approved_by_another() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.approved_by = NEW.requested_by THEN
    RAISE EXCEPTION 'a payment is approved by someone other than who asked for it'
      USING ERRCODE = 'raise_exception';
  END IF;
  RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION payments_moves() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT ((OLD.status = 'requested' AND NEW.status IN ('approved', 'rejected'))
       OR (OLD.status = 'approved' AND NEW.status IN ('paid', 'rejected')))
  THEN
    RAISE EXCEPTION 'a payment moves only from requested to approved or rejected, and from approved to paid or rejected'
      USING ERRCODE = 'raise_exception';
  END IF;
  RETURN NEW;
END;
$$;

-- SQLite fires payments_approved_by_another, then payments_moves, then payments_fixed.
CREATE OR REPLACE TRIGGER payments_1_approved_by_another BEFORE UPDATE OF approved_by ON payments
  FOR EACH ROW EXECUTE FUNCTION payments_approved_by_another();
CREATE OR REPLACE TRIGGER payments_2_moves BEFORE UPDATE OF status ON payments
  FOR EACH ROW EXECUTE FUNCTION payments_moves();
CREATE OR REPLACE TRIGGER payments_3_fixed BEFORE UPDATE OF grant_id, fund_id, amount_pence, bank_account_id,
    reverses_payment_id, "trigger", requested_by, requested_at, idempotency_key ON payments
  FOR EACH ROW EXECUTE FUNCTION refuse_write('a payment''s amount and what it is for never change: record a reversing entry instead');

CREATE OR REPLACE TRIGGER payments_no_delete BEFORE DELETE ON payments
  FOR EACH ROW EXECUTE FUNCTION refuse_write('payments are never deleted: record a reversing entry instead');

-- A payment is for the grant's fund; a new one is more than 0 and keeps what is asked, approved
-- and paid within the award; a reversal is a paid entry of minus one paid payment of the grant.
CREATE OR REPLACE FUNCTION payments_within_award() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.fund_id IS DISTINCT FROM (SELECT fund_id FROM grants WHERE id = NEW.grant_id)
     OR (NEW.reverses_payment_id IS NULL AND (NEW.amount_pence <= 0
         OR (SELECT COALESCE(SUM(amount_pence), 0) FROM payments
             WHERE grant_id = NEW.grant_id AND status IN ('requested', 'approved', 'paid')) + NEW.amount_pence
            > (SELECT a.amount_pence FROM grants g JOIN awards a ON a.id = g.award_id WHERE g.id = NEW.grant_id)))
     OR (NEW.reverses_payment_id IS NOT NULL AND (NEW.status IS DISTINCT FROM 'paid'
         OR NEW.amount_pence IS DISTINCT FROM -(SELECT amount_pence FROM payments
             WHERE id = NEW.reverses_payment_id AND grant_id = NEW.grant_id AND status = 'paid' AND amount_pence > 0)))
  THEN
    RAISE EXCEPTION 'a payment must be more than 0 and never take the grant past its award; a reversal undoes one paid payment of the same grant'
      USING ERRCODE = 'raise_exception';
  END IF;
  RETURN NEW;
END;
$$;
CREATE OR REPLACE TRIGGER payments_within_award BEFORE INSERT ON payments
  FOR EACH ROW EXECUTE FUNCTION payments_within_award();
