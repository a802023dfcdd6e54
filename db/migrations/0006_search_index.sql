-- Full-text search over published reports (title, unit, narrative text). The trigram
-- tokenizer matches any substring of three or more characters, which suits Chinese text
-- without a word segmenter; shorter queries fall back to LIKE in the data layer.
CREATE VIRTUAL TABLE search_documents USING fts5(
  report_id UNINDEXED,
  title,
  unit,
  body,
  tokenize = 'trigram'
);
