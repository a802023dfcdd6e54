-- Positional postings for the search on PostgreSQL (issue 17): what FTS5 keeps in its doclists,
-- so that a phrase found in most reports is counted and ranked without reading their text.
-- Hand-written (a custom migration, like 0003), maintained by db/pg/search-segments.ts and
-- db/pg/search-index.ts, read by db/pg/search-query.ts.
--
-- * search_segments: an immutable set of indexed reports (`docs`: their ids, years, units and
--   lengths in tokens, packed as int32), built from search_documents rows at once.
-- * search_postings: per segment and trigram (folded as FTS5's trigram tokenizer folds), how
--   often and where it starts in each report's title, unit and body (db/pg/search-postings.ts):
--   the first counts_length bytes are the counts, the rest the positions.
-- * search_stale: reports of a segment replaced or withdrawn after it was built.
-- * search_documents.seq: when the row was written (from a sequence; never updated, since an
--   update re-indexes the row's text in the pg_trgm indexes). A segment holds the rows of the
--   range lo..hi (lo 0: the rows without seq too, written before this migration); the rows after
--   the newest segment are the tail (searched by their text).
-- The postings keep PostgreSQL's default storage: compressed (pglz) to about a third, since
-- reports that share a template share their gaps between positions; reading only the counts
-- part (a prefix) decompresses only that far.
-- Adding the column with no default rewrites nothing; existing rows start in the tail and the
-- next start-up puts them into a segment (rebuildSearchIndexIfEmpty).
CREATE SEQUENCE "search_write_seq";
--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "seq" bigint;
--> statement-breakpoint
ALTER TABLE "search_documents" ALTER COLUMN "seq" SET DEFAULT nextval('search_write_seq');
--> statement-breakpoint
CREATE INDEX "search_documents_seq" ON "search_documents" ("seq");
--> statement-breakpoint
CREATE TABLE "search_segments" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" uuid DEFAULT gen_random_uuid() NOT NULL,
	"lo" bigint NOT NULL,
	"hi" bigint NOT NULL,
	"documents" integer NOT NULL,
	"docs" bytea NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_postings" (
	"segment" integer NOT NULL REFERENCES "public"."search_segments"("id") ON DELETE CASCADE,
	"trigram" text NOT NULL,
	"counts_length" integer NOT NULL,
	"postings" bytea NOT NULL,
	PRIMARY KEY ("trigram", "segment")
);
--> statement-breakpoint
CREATE INDEX "search_postings_segment" ON "search_postings" ("segment");
--> statement-breakpoint
CREATE TABLE "search_stale" (
	"segment" integer NOT NULL REFERENCES "public"."search_segments"("id") ON DELETE CASCADE,
	"report_id" integer NOT NULL,
	PRIMARY KEY ("segment", "report_id")
);
