-- A grant's ratings are a history (decision 0024): a new rating is a new row, never an edit.
CREATE TRIGGER grant_ratings_no_update BEFORE UPDATE ON grant_ratings
BEGIN
  SELECT RAISE(ABORT, 'a rating is never changed: rate the grant again instead');
END;
--> statement-breakpoint
CREATE TRIGGER grant_ratings_no_delete BEFORE DELETE ON grant_ratings
BEGIN
  SELECT RAISE(ABORT, 'a rating is never deleted');
END;
--> statement-breakpoint
-- Grants made before reports existed (decision 0024) get the reports of reportingSchedule in
-- packages/shared/src/offers.ts, from their bid's delivery dates: a final report 42 days after the
-- end date; and, for awards of £5,000 or more, a mid-point report halfway between the start and end
-- dates (rounded down to the day). A grant whose bid has no delivery dates gets none.
INSERT INTO grant_reports (id, grant_id, kind, due_on, status, version, updated_at)
SELECT
  lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
    || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
    || '-' || lower(hex(randomblob(6))),
  g.id,
  'mid_point',
  date(json_extract(s.data, '$.startDate'),
    '+' || CAST((julianday(json_extract(s.data, '$.endDate')) - julianday(json_extract(s.data, '$.startDate'))) / 2 AS INTEGER) || ' days'),
  'not_started',
  1,
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM grants g
JOIN awards a ON a.id = g.award_id
JOIN bid_sections s ON s.bid_id = g.bid_id AND s.section = 'timetable'
WHERE a.amount_pence >= 500000
  AND json_extract(s.data, '$.startDate') IS NOT NULL AND json_extract(s.data, '$.endDate') IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM grant_reports r WHERE r.grant_id = g.id AND r.kind = 'mid_point');--> statement-breakpoint
INSERT INTO grant_reports (id, grant_id, kind, due_on, status, version, updated_at)
SELECT
  lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
    || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
    || '-' || lower(hex(randomblob(6))),
  g.id,
  'final',
  date(json_extract(s.data, '$.endDate'), '+42 days'),
  'not_started',
  1,
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM grants g
JOIN bid_sections s ON s.bid_id = g.bid_id AND s.section = 'timetable'
WHERE json_extract(s.data, '$.startDate') IS NOT NULL AND json_extract(s.data, '$.endDate') IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM grant_reports r WHERE r.grant_id = g.id AND r.kind = 'final');
