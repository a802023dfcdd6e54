CREATE TABLE `edition_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`edition_id` integer NOT NULL,
	`kind` text NOT NULL,
	`content` blob NOT NULL,
	`sha256` text NOT NULL,
	`byte_size` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `report_editions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `edition_files_edition_kind_unique` ON `edition_files` (`edition_id`,`kind`);