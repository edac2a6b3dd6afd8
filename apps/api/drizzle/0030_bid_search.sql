-- Words anywhere in a bid's reference, title or group name, found through an index (issue 12,
-- decision 0033): an FTS5 table with the trigram tokenizer finds any run of three or more
-- characters, in any case, without reading every bid. Its rowid is the bid's rowid; triggers keep
-- it in step with bids and with groups' names. (The product never runs VACUUM, which could
-- renumber the rowids of bids; should anyone run it, rebuild this table as the INSERT below does.)
CREATE VIRTUAL TABLE `bid_search` USING fts5(`reference`, `title`, `group_name`, tokenize = 'trigram');
--> statement-breakpoint
INSERT INTO `bid_search` (`rowid`, `reference`, `title`, `group_name`)
  SELECT b.rowid, b.reference, b.title, o.name FROM `bids` b JOIN `organisations` o ON o.id = b.organisation_id;
--> statement-breakpoint
CREATE TRIGGER `bid_search_on_insert` AFTER INSERT ON `bids` BEGIN
  INSERT INTO `bid_search` (`rowid`, `reference`, `title`, `group_name`)
    VALUES (new.rowid, new.reference, new.title, (SELECT name FROM `organisations` WHERE id = new.organisation_id));
END;
--> statement-breakpoint
CREATE TRIGGER `bid_search_on_update` AFTER UPDATE OF `reference`, `title`, `organisation_id` ON `bids`
  WHEN old.reference IS NOT new.reference OR old.title IS NOT new.title OR old.organisation_id IS NOT new.organisation_id
BEGIN
  UPDATE `bid_search` SET `reference` = new.reference, `title` = new.title,
    `group_name` = (SELECT name FROM `organisations` WHERE id = new.organisation_id)
  WHERE `rowid` = new.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `bid_search_on_delete` AFTER DELETE ON `bids` BEGIN
  DELETE FROM `bid_search` WHERE `rowid` = old.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER `bid_search_on_group_renamed` AFTER UPDATE OF `name` ON `organisations`
  WHEN old.name IS NOT new.name
BEGIN
  UPDATE `bid_search` SET `group_name` = new.name
  WHERE `rowid` IN (SELECT rowid FROM `bids` WHERE organisation_id = new.id);
END;
