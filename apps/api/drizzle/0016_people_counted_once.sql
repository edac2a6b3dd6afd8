-- "How many people will take part?" was asked twice: in "Who will benefit" (peopleCount) and in
-- "Outcomes" (participants, the target a group reports against). It is now asked in Outcomes only.
-- Answers are kept: a number given only in "Who will benefit" moves to Outcomes, then the old
-- answer leaves "Who will benefit". Earlier versions in bid_section_versions stay as they were saved.

-- 1. Outcomes answered without the number: take it from "Who will benefit".
UPDATE bid_sections
SET data = json_set(
  data,
  '$.participants',
  (SELECT json_extract(b.data, '$.peopleCount') FROM bid_sections b
   WHERE b.bid_id = bid_sections.bid_id AND b.section = 'beneficiaries')
)
WHERE section = 'outcomes'
  AND json_type(data, '$.participants') IS NULL
  AND (SELECT json_type(b.data, '$.peopleCount') FROM bid_sections b
       WHERE b.bid_id = bid_sections.bid_id AND b.section = 'beneficiaries') = 'integer';
--> statement-breakpoint

-- 2. Outcomes not started: start it as a draft holding the number (version 1, by whoever gave it).
INSERT INTO bid_section_versions (bid_id, section, version, data, saved_by, saved_at)
SELECT b.bid_id, 'outcomes', 1, json_object('participants', json_extract(b.data, '$.peopleCount')),
       b.updated_by, b.updated_at
FROM bid_sections b
WHERE b.section = 'beneficiaries'
  AND json_type(b.data, '$.peopleCount') = 'integer'
  AND NOT EXISTS (SELECT 1 FROM bid_sections o WHERE o.bid_id = b.bid_id AND o.section = 'outcomes')
  AND NOT EXISTS (SELECT 1 FROM bid_section_versions v WHERE v.bid_id = b.bid_id AND v.section = 'outcomes');
--> statement-breakpoint
INSERT INTO bid_sections (bid_id, section, data, complete, version, updated_by, updated_at)
SELECT b.bid_id, 'outcomes', json_object('participants', json_extract(b.data, '$.peopleCount')), 0, 1,
       b.updated_by, b.updated_at
FROM bid_sections b
WHERE b.section = 'beneficiaries'
  AND json_type(b.data, '$.peopleCount') = 'integer'
  AND NOT EXISTS (SELECT 1 FROM bid_sections o WHERE o.bid_id = b.bid_id AND o.section = 'outcomes');
--> statement-breakpoint

-- 3. "Who will benefit" no longer holds the number.
UPDATE bid_sections
SET data = json_remove(data, '$.peopleCount')
WHERE section = 'beneficiaries' AND json_type(data, '$.peopleCount') IS NOT NULL;
