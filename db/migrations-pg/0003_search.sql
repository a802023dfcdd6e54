-- Full-text search on PostgreSQL (issue 17), the counterpart of SQLite's FTS5 tables
-- search_documents and search_characters (db/migrations/0006, 0007). Hand-written (a custom
-- migration: drizzle's schema does not describe it), maintained by db/pg/search-index.ts and
-- queried by db/pg/search-query.ts. One row per live report.
--
-- * Queries of three or more characters: LIKE on title, unit and body folded to lower case as
--   FTS5's trigram tokenizer folds them (`*_folded`, stored only when it differs from the text:
--   Chinese has no case), answered by pg_trgm's GIN indexes on coalesce(folded, text) (Debian's postgresql package ships pg_trgm in contrib; it is a trusted
--   extension, so the database owner may create it). pg_trgm only makes trigrams of letters and
--   digits of the database's LC_CTYPE: Chinese characters need a UTF-8 ctype (C.UTF-8,
--   zh_CN.UTF-8, ...); under LC_CTYPE=C the answers are the same but every search reads the
--   whole table.
-- * Queries of one or two characters: `grams` holds every distinct character and pair of
--   adjacent characters (letters and digits, folded, as SQLite's per-character index sees them),
--   answered by a GIN index on the array.
-- * `tokens` is the row's length in FTS5 trigram tokens (title, unit, body and SQLite's facet
--   column), the document length of the bm25 ranking; `search_totals` keeps the number of rows
--   and their tokens (bm25's N and average length) in its one row, updated with every row.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "search_documents" (
	"report_id" integer PRIMARY KEY NOT NULL REFERENCES "public"."reports"("id"),
	"year" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"title" text NOT NULL,
	"unit" text NOT NULL,
	"body" text NOT NULL,
	"title_folded" text,
	"unit_folded" text,
	"body_folded" text,
	"tokens" integer NOT NULL,
	"grams" text[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_documents_title_trgm" ON "search_documents" USING gin ((coalesce("title_folded", "title")) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "search_documents_unit_trgm" ON "search_documents" USING gin ((coalesce("unit_folded", "unit")) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "search_documents_body_trgm" ON "search_documents" USING gin ((coalesce("body_folded", "body")) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "search_documents_grams" ON "search_documents" USING gin ("grams");
--> statement-breakpoint
CREATE INDEX "search_documents_year" ON "search_documents" USING btree ("year");
--> statement-breakpoint
CREATE INDEX "search_documents_unit_id" ON "search_documents" USING btree ("unit_id");
--> statement-breakpoint
CREATE TABLE "search_totals" (
	"id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1),
	"documents" integer NOT NULL,
	"tokens" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "search_totals" ("id", "documents", "tokens") VALUES (1, 0, 0);
--> statement-breakpoint
-- Occurrences of needle in haystack, overlapping ones included ("哈哈哈" twice in "哈哈哈哈"), as
-- FTS5 counts phrase instances for bm25. Only used for needles that can overlap themselves;
-- the others are counted with replace().
CREATE FUNCTION "search_overlapping_count"(haystack text, needle text) RETURNS integer
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
	found integer := 0;
	offset_in integer := 0;
	at integer;
BEGIN
	IF needle = '' THEN
		RETURN 0;
	END IF;
	LOOP
		at := strpos(substr(haystack, offset_in + 1), needle);
		EXIT WHEN at = 0;
		found := found + 1;
		offset_in := offset_in + at;
	END LOOP;
	RETURN found;
END
$$;
