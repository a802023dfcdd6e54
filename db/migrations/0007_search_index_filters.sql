-- Search index v2. Year and unit are stored as index tokens in a `facets` column, so filters
-- and counts are answered by the FTS index itself instead of a join over every match; and a
-- per-character table answers queries of one or two characters, which the trigram index cannot
-- (characters separated by spaces, unicode61 tokenizer: the phrase "公 开" matches the two
-- characters adjacent). Rows are rebuilt from the live editions at start-up (db/search-index.ts).
DROP TABLE IF EXISTS search_documents;
--> statement-breakpoint
CREATE VIRTUAL TABLE search_documents USING fts5(
  report_id UNINDEXED,
  title,
  unit,
  body,
  facets,
  tokenize = 'trigram'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE search_characters USING fts5(
  report_id UNINDEXED,
  text,
  facets,
  tokenize = 'unicode61'
);
