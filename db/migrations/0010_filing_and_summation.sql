CREATE TABLE `report_filings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`supervisor_id` integer NOT NULL,
	`mode` text NOT NULL,
	`edition` integer,
	`document` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`filed_at` integer NOT NULL,
	`filed_by_id` integer,
	`decided_at` integer,
	`decided_by_id` integer,
	`note` text,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supervisor_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`filed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_filings_supervisor_status_idx` ON `report_filings` (`supervisor_id`,`status`);--> statement-breakpoint
CREATE INDEX `report_filings_report_idx` ON `report_filings` (`report_id`,`id`);--> statement-breakpoint
CREATE TABLE `report_summations` (
	`report_id` integer PRIMARY KEY NOT NULL,
	`own_tables` text NOT NULL,
	`absent` text NOT NULL,
	`sources` text NOT NULL,
	`summed_at` integer,
	`summed_by_id` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`summed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `reporting_list_entries` ADD `filing_mode` text;--> statement-breakpoint
ALTER TABLE `units` ADD `filing_mode` text DEFAULT 'none' NOT NULL;