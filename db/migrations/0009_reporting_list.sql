CREATE TABLE `reporting_list_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`supervisor_id` integer NOT NULL,
	`year` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`included` integer NOT NULL,
	`reason` text,
	`updated_at` integer NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`supervisor_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reporting_list_entries_supervisor_year_unit_unique` ON `reporting_list_entries` (`supervisor_id`,`year`,`unit_id`);