ALTER TABLE `report_editions` ADD `title` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `report_editions` ADD `index_no` text;--> statement-breakpoint
-- Every edition made before this migration: its title and 索引号 from its snapshot.
UPDATE `report_editions` SET `title` = coalesce(json_extract(`snapshot`, '$.title'), ''), `index_no` = json_extract(`snapshot`, '$.metadata.indexNo');
