CREATE TABLE `index_counters` (
	`unit_id` integer NOT NULL,
	`year` integer NOT NULL,
	`last_serial` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `index_counters_unit_year_unique` ON `index_counters` (`unit_id`,`year`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`report_id` integer,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE TABLE `report_editions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`edition` integer NOT NULL,
	`snapshot` text NOT NULL,
	`sha256` text NOT NULL,
	`published_at` integer NOT NULL,
	`change_note` text,
	`approved_by_id` integer,
	`approved_at` integer,
	`opinion` text,
	`published_by_id` integer,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_editions_report_edition_unique` ON `report_editions` (`report_id`,`edition`);--> statement-breakpoint
CREATE TABLE `report_transitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`from_status` text NOT NULL,
	`to_status` text NOT NULL,
	`actor_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`reason` text,
	`details` text,
	`document` text,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_transitions_report_idx` ON `report_transitions` (`report_id`,`id`);--> statement-breakpoint
CREATE TABLE `review_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`section_key` text NOT NULL,
	`cell_id` text,
	`parent_id` integer,
	`author_id` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`resolved_at` integer,
	`resolved_by_id` integer,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_comments_report_idx` ON `review_comments` (`report_id`,`section_key`);--> statement-breakpoint
ALTER TABLE `reports` ADD `index_no` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `live_edition_id` integer;--> statement-breakpoint
ALTER TABLE `reports` ADD `scheduled_at` integer;--> statement-breakpoint
ALTER TABLE `reports` ADD `withdrawn_at` integer;--> statement-breakpoint
ALTER TABLE `reports` ADD `withdraw_reason` text;--> statement-breakpoint
CREATE UNIQUE INDEX `reports_index_no_unique` ON `reports` (`index_no`);--> statement-breakpoint
ALTER TABLE `units` ADD `index_pattern` text DEFAULT '{orgCode}/{year}-{serial}' NOT NULL;