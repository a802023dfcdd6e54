/**
 * Hostile input for search and filter parameters, shared by the unit tests and the e2e specs:
 * SQL and FTS5 syntax, LIKE wildcards, control characters, broken Unicode and sheer length.
 * Strings only: a test URL-encodes them (a lone surrogate becomes %ED%A0%80 by hand, see below).
 */
export const HOSTILE_STRINGS: readonly string[] = [
  "'",
  '"',
  "''",
  '"""',
  "--",
  ";",
  "/* */",
  "' OR 1=1 --",
  '" OR ""="',
  "1 OR 1=1",
  "'; DROP TABLE reports; --",
  "1; DELETE FROM users",
  "' UNION SELECT username, password_hash FROM users --",
  "UNION SELECT * FROM audit_log",
  "AND",
  "OR",
  "NOT",
  "a AND b OR NOT c",
  "NEAR(",
  "NEAR(a b, 2)",
  "*",
  "公开*",
  "^青石",
  ":",
  "title:青石",
  "body : x",
  "{title unit}: 青石",
  "(",
  ")",
  "((a)",
  "{",
  "}",
  '"unbalanced',
  "unbalanced'",
  "%",
  "_",
  "%%",
  "_%_",
  "\\",
  "100%_\\",
  "\u0000",
  "青\u0000石",
  "\u0001\u0002\u001b[31m",
  "\r\n\t",
  "\uFEFF",
  "\uE000\uE001",
  "😀",
  "🏛️政府",
  "𠀀𠀁",
  "x".repeat(10_000),
  "青".repeat(10_000),
  "' OR '".repeat(1_500),
];

/** `' OR 1=1 --` and friends: each must not match every report. */
export const TAUTOLOGIES: readonly string[] = ["' OR 1=1 --", '" OR ""="', "1 OR 1=1", "' OR 'a'='a"];

/**
 * Raw query-string values (already percent-encoded) that no JavaScript string can spell:
 * lone surrogates in UTF-8 form and invalid UTF-8 bytes.
 */
export const HOSTILE_ENCODED: readonly string[] = ["%ED%A0%80", "%ED%B0%80x", "%FF%FE", "%C3%28", "%E4%B8", "%00", "%25", "%"];
