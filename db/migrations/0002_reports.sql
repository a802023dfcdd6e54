CREATE TABLE `report_attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`columns` text NOT NULL,
	`rows` text NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_attachments_report_position_unique` ON `report_attachments` (`report_id`,`position`);--> statement-breakpoint
CREATE TABLE `report_sections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`position` integer NOT NULL,
	`key` text NOT NULL,
	`heading` text NOT NULL,
	`kind` text NOT NULL,
	`table_id` text,
	`html` text DEFAULT '' NOT NULL,
	`cells` text,
	`completed` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer,
	`updated_by_id` integer,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_sections_report_key_unique` ON `report_sections` (`report_id`,`key`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`year` integer NOT NULL,
	`format` text NOT NULL,
	`title` text NOT NULL,
	`metadata` text NOT NULL,
	`signature` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`origin` text DEFAULT 'editor' NOT NULL,
	`published_at` integer,
	`created_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_unit_year_unique` ON `reports` (`unit_id`,`year`);--> statement-breakpoint
CREATE INDEX `reports_status_idx` ON `reports` (`status`);