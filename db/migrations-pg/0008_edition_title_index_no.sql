ALTER TABLE "report_editions" ADD COLUMN "title" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "report_editions" ADD COLUMN "index_no" text;--> statement-breakpoint
-- Every edition made before this migration: its title and 索引号 from its snapshot.
UPDATE "report_editions" SET "title" = coalesce("snapshot"::json ->> 'title', ''), "index_no" = "snapshot"::json #>> '{metadata,indexNo}';
