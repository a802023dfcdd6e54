import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spacedCharacters, unitFacet, yearFacet } from "@/db/search-index";
import { HOSTILE_STRINGS, TAUTOLOGIES } from "@/lib/testing/hostile-strings";
import {
  MATCH_END,
  MATCH_START,
  MAX_QUERY_LENGTH,
  containsPattern,
  escapeLike,
  excerptAround,
  ftsPhrase,
  highlightAll,
  normalizeSearchQuery,
  planSearch,
  snippetSegments,
} from "../search-query";

const HOSTILE = [
  '"',
  '""',
  '"""',
  "*",
  "NEAR",
  "NEAR(a b)",
  "OR",
  "a OR b",
  "AND",
  "NOT",
  "'; --",
  "'; drop table reports; --",
  "(",
  ")",
  ":",
  "title:青石",
  "^青石镇",
  "{title unit}: 青石",
  "%",
  "_",
  "\\",
  "100%_\\",
  "!!!",
  "，。；",
  "\u0000青石镇",
  "青石\u0000镇",
  "\uD800孤",
  "\uE000\uE001",
  "𠀀𠀁𠀂",
  "x".repeat(1000),
  "青".repeat(1000),
  '"'.repeat(1000),
  ...HOSTILE_STRINGS,
];

describe("normalizing what a visitor typed", () => {
  it("trims, collapses white space (also full-width) and drops control characters", () => {
    expect(normalizeSearchQuery("  依申请\t\n公开 \u3000 ")).toBe("依申请 公开");
    expect(normalizeSearchQuery("青石\u0000镇")).toBe("青石镇");
    expect(normalizeSearchQuery(["行政复议", "x"])).toBe("行政复议");
    expect(normalizeSearchQuery(undefined)).toBe("");
    expect(normalizeSearchQuery(42)).toBe("");
  });

  it("caps the query at 100 characters without cutting a character in half", () => {
    expect(Array.from(normalizeSearchQuery("x".repeat(1000)))).toHaveLength(MAX_QUERY_LENGTH);
    const astral = normalizeSearchQuery("𠀀".repeat(150));
    expect(Array.from(astral)).toHaveLength(MAX_QUERY_LENGTH);
    expect(astral.isWellFormed()).toBe(true);
  });

  it("plans the trigram index for 3+ characters, the character index for 1–2 letters, LIKE for short punctuation", () => {
    expect(planSearch("")).toEqual({ kind: "empty" });
    expect(planSearch("石材产业转")).toEqual({ kind: "fts", match: '{title unit body} : "石材产业转"' });
    expect(planSearch('a"b')).toEqual({ kind: "fts", match: '{title unit body} : "a""b"' });
    expect(planSearch("青石")).toEqual({ kind: "chars", match: 'text : "青 石"' });
    expect(planSearch("石")).toEqual({ kind: "chars", match: 'text : "石"' });
    expect(planSearch("OR")).toEqual({ kind: "chars", match: 'text : "O R"' });
    expect(planSearch("%")).toEqual({ kind: "symbols" });
    expect(planSearch('"')).toEqual({ kind: "symbols" });
    expect(planSearch("*")).toEqual({ kind: "symbols" });
    expect(planSearch("a_")).toEqual({ kind: "like", pattern: "%a\\_%" });
    expect(planSearch("0%")).toEqual({ kind: "like", pattern: "%0\\%%" });
  });

  it("adds year and unit filters as quoted facet tokens", () => {
    expect(planSearch("依申请公开", ["y2023", "u000000002"])).toEqual({
      kind: "fts",
      match: '{title unit body} : "依申请公开" AND facets : "y2023" AND facets : "u000000002"',
    });
    expect(planSearch("青石", ["y2023"])).toEqual({ kind: "chars", match: 'text : "青 石" AND facets : "y2023"' });
  });

  it("escapes quotes by doubling and LIKE wildcards with a backslash", () => {
    expect(ftsPhrase('say "hi"')).toBe('"say ""hi"""');
    expect(escapeLike("100%_\\")).toBe("100\\%\\_\\\\");
    expect(containsPattern("_")).toBe("%\\_%");
  });
});

describe("hostile queries against the real index tables", () => {
  let db: Database.Database;
  const title = "示例县青石镇人民政府2023年政府信息公开工作年度报告";
  const unit = "示例县青石镇人民政府";
  const body = "全年共收到政府信息公开申请28件；石材产业转型；100%完成_率；NEAR OR AND \"引号\"";

  beforeAll(() => {
    db = new Database(":memory:");
    // As db/migrations/0007_search_index_filters.sql.
    db.exec(
      "create virtual table search_documents using fts5(report_id UNINDEXED, title, unit, body, facets, tokenize = 'trigram');" +
        "create virtual table search_characters using fts5(report_id UNINDEXED, text, facets, tokenize = 'unicode61');" +
        "create table reports (id integer primary key, year integer);",
    );
    const facets = ` ${yearFacet(2023)} ${unitFacet(2)} `;
    db.prepare("insert into reports (id, year) values (1, 2023)").run();
    db.prepare("insert into search_documents (rowid, report_id, title, unit, body, facets) values (1, 1, ?, ?, ?, ?)").run(title, unit, body, facets);
    db.prepare("insert into search_characters (rowid, report_id, text, facets) values (1, 1, ?, ?)").run(spacedCharacters(`${title}\n${unit}\n${body}`), facets);
  });
  afterAll(() => db.close());

  const run = (raw: unknown, facets: string[] = []) => {
    const plan = planSearch(normalizeSearchQuery(raw), facets);
    if (plan.kind === "empty" || plan.kind === "symbols") return [];
    if (plan.kind === "fts") {
      return db
        .prepare(
          `select search_documents.rowid as id, snippet(search_documents, 3, ?, ?, '…', 40) as excerpt
           from search_documents join reports r on r.id = search_documents.rowid
           where search_documents match ? order by bm25(search_documents, 0.0, 10.0, 5.0, 1.0, 0.0)`,
        )
        .all(MATCH_START, MATCH_END, plan.match) as { id: number; excerpt: string }[];
    }
    if (plan.kind === "chars") {
      return db
        .prepare("select search_characters.rowid as id, '' as excerpt from search_characters join reports r on r.id = search_characters.rowid where search_characters match ?")
        .all(plan.match) as { id: number; excerpt: string }[];
    }
    return db
      .prepare(
        `select rowid as id, body as excerpt from search_documents
         where title like ? escape '\\' or unit like ? escape '\\' or body like ? escape '\\'`,
      )
      .all(plan.pattern, plan.pattern, plan.pattern) as { id: number; excerpt: string }[];
  };

  it.each(HOSTILE.map((q) => [JSON.stringify(q).slice(0, 40), q]))("%s is valid FTS5/LIKE syntax", (_name, q) => {
    expect(() => run(q)).not.toThrow();
    expect(() => run(q, [yearFacet(2023), unitFacet(2)])).not.toThrow();
  });

  it("any string at all runs without an error (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (q) => {
        run(q);
      }),
      { numRuns: 500 },
    );
  });

  it("operators and wildcards are searched as plain text", () => {
    expect(run("NEAR OR")).toHaveLength(1);
    expect(run("OR")).toHaveLength(1); // two letters: the character index, the literal text
    expect(run("XOR")).toHaveLength(0);
    expect(run('"引号"')).toHaveLength(1);
    expect(run("*")).toHaveLength(0);
    expect(run("%")).toHaveLength(0); // symbols alone are not searched
    expect(run("0%")).toHaveLength(1); // the literal percent sign in 100%
    expect(run("_率")).toHaveLength(1);
    expect(run("%率")).toHaveLength(0); // % is not a wildcard
    expect(run("x".repeat(1000))).toHaveLength(0);
  });

  it("SQL tautologies are text to look for, not conditions: they match nothing", () => {
    for (const q of TAUTOLOGIES) expect(run(q), q).toHaveLength(0);
    expect(run("' OR 1=1 --", [yearFacet(2023)])).toHaveLength(0);
  });

  it("every hostile string becomes one quoted phrase (or no search at all)", () => {
    for (const raw of HOSTILE_STRINGS) {
      const query = normalizeSearchQuery(raw);
      const plan = planSearch(query);
      if (plan.kind === "fts") expect(plan.match).toBe(`{title unit body} : ${ftsPhrase(query)}`);
      else if (plan.kind === "chars") expect(plan.match.startsWith('text : "')).toBe(true);
      else if (plan.kind === "like") expect(plan.pattern).toBe(containsPattern(query));
      expect(Array.from(query).length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    }
  });

  it("does not find the filter tokens themselves", () => {
    expect(run("y2023")).toHaveLength(0);
    expect(run("u000000002")).toHaveLength(0);
  });

  it("finds Chinese phrases of 1, 2 and 5 characters and marks the match", () => {
    expect(run("青")).toHaveLength(1);
    expect(run("青石")).toHaveLength(1);
    expect(run("石青")).toHaveLength(0); // adjacent, in order
    const [hit] = run("石材产业转");
    expect(hit).toBeDefined();
    const segments = snippetSegments(hit!.excerpt);
    expect(segments.filter((s) => s.match).map((s) => s.text).join("")).toContain("石材产业转");
  });

  it("filters by year and unit through the facet tokens", () => {
    expect(run("石材产业转", [yearFacet(2023)])).toHaveLength(1);
    expect(run("石材产业转", [yearFacet(2022)])).toHaveLength(0);
    expect(run("青石", [unitFacet(2)])).toHaveLength(1);
    expect(run("青石", [unitFacet(20)])).toHaveLength(0);
  });
});

describe("highlighting", () => {
  it("splits a snippet at the markers", () => {
    expect(snippetSegments(`…收到${MATCH_START}政府信息${MATCH_END}公开…`)).toEqual([
      { text: "…收到", match: false },
      { text: "政府信息", match: true },
      { text: "公开…", match: false },
    ]);
    expect(snippetSegments("no markers")).toEqual([{ text: "no markers", match: false }]);
    expect(snippetSegments(`${MATCH_START}unterminated`)).toEqual([{ text: "unterminated", match: true }]);
  });

  it("marks every occurrence, case-insensitively for Latin letters", () => {
    expect(highlightAll("Near near NEAR", "near").filter((s) => s.match)).toHaveLength(3);
    expect(highlightAll("青石镇青石", "青石").map((s) => s.match)).toEqual([true, false, true]);
    expect(highlightAll("text", "")).toEqual([{ text: "text", match: false }]);
  });

  it("cuts an excerpt around the first occurrence with ellipses", () => {
    const text = `${"前".repeat(100)}行政复议${"后".repeat(100)}`;
    const segments = excerptAround(text, "行政复议", 10);
    expect(segments[0]?.text.startsWith("…")).toBe(true);
    expect(segments.find((s) => s.match)?.text).toBe("行政复议");
    expect(segments[segments.length - 1]?.text.endsWith("…")).toBe(true);
    expect(segments.map((s) => s.text).join("").length).toBeLessThan(40);
  });
});
