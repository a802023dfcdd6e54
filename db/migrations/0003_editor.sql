CREATE TABLE `section_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`section_id` integer NOT NULL,
	`version` integer NOT NULL,
	`html` text DEFAULT '' NOT NULL,
	`cells` text,
	`author_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	`save_count` integer DEFAULT 1 NOT NULL,
	`restored_from_id` integer,
	FOREIGN KEY (`section_id`) REFERENCES `report_sections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `section_revisions_section_idx` ON `section_revisions` (`section_id`,`updated_at`);--> statement-breakpoint
ALTER TABLE `units` ADD `report_deadline` text DEFAULT '01-31' NOT NULL;