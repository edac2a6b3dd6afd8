ALTER TABLE `wards` ADD `code` text;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010798' WHERE `name` = 'Barnack' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010799' WHERE `name` = 'Bretton' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010800' WHERE `name` = 'Central' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010801' WHERE `name` = 'Dogsthorpe' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010802' WHERE `name` = 'East' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010803' WHERE `name` = 'Eye, Thorney and Newborough' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010804' WHERE `name` = 'Fletton and Stanground' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010805' WHERE `name` = 'Fletton and Woodston' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010806' WHERE `name` = 'Glinton and Castor' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010807' WHERE `name` = 'Gunthorpe' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010808' WHERE `name` = 'Hampton Vale' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010809' WHERE `name` = 'Hargate and Hempsted' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010810' WHERE `name` = 'Millfield and New England' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010811' WHERE `name` = 'North' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010812' WHERE `name` = 'Orton Longueville' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010813' WHERE `name` = 'Orton Waterville' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010814' WHERE `name` = 'Park' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010815' WHERE `name` = 'Paston and Walton' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010816' WHERE `name` = 'Ravensthorpe' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010817' WHERE `name` = 'Stanground South' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010818' WHERE `name` = 'Werrington' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E05010819' WHERE `name` = 'Wittering' AND `is_city_wide` = 0 AND `code` IS NULL;
--> statement-breakpoint
UPDATE `wards` SET `code` = 'E06000031' WHERE `is_city_wide` = 1 AND `code` IS NULL;
