/**
 * The TypeScript port of FTS5's snippet() and token counts (db/pg/fts5-compat.ts) against
 * SQLite's own FTS5 on thousands of generated texts: small alphabets so that occurrences
 * overlap, repeat, sit at both ends and after sentence ends (". ", ":\n"), in a table shaped like
 * search_documents (phrase limited to some columns, a facet phrase ANDed, snippet of the body).
 */
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { canOverlap, characterGrams, characterTokens, foldTrigramCharacter, phraseInstances, trigramSnippet, trigramTokenCount } from "@/db/pg/fts5-compat";
import { ELLIPSIS, MATCH_END, MATCH_START, ftsPhrase } from "@/lib/public/search-query";
import { createRng } from "@/scripts/lib/prng";

const sqlite = new Database(":memory:");
sqlite.exec("create virtual table t using fts5(title, body, facets, tokenize = 'trigram')");
sqlite.exec("create virtual table c using fts5(text, tokenize = 'unicode61')");
afterAll(() => sqlite.close());

/** A deterministic pseudo-random sequence (the demo data's mulberry32), so a failure can be replayed. */
const randomFrom = (seed: number) => createRng(`fts5-${seed}`).next;

const ALPHABETS = [["公", "开", "政", "府", "信", "息"], ["哈", "哈", "哈", "嘿"], ["a", "A", "b", ".", " ", ":", "\n", "1"], ["工", "作", "。", "，", " ", ".", "\n", "数", "字"]];

function text(random: () => number, alphabet: readonly string[], length: number): string {
  return Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]!).join("");
}

const markers = { open: MATCH_START, close: MATCH_END, ellipsis: ELLIPSIS };

describe("trigramSnippet", () => {
  it("gives FTS5's snippet, character for character", () => {
    const random = randomFrom(17);
    const insert = sqlite.prepare("insert into t (rowid, title, body, facets) values (?, ?, ?, ' y2023 ')");
    const snippet = sqlite.prepare(`select snippet(t, 1, ?, ?, ?, ?) as s from t where t match ? and rowid = cast(? as integer)`);
    let compared = 0;
    for (let n = 1; n <= 3000; n++) {
      const alphabet = ALPHABETS[n % ALPHABETS.length]!;
      const body = text(random, alphabet, Math.floor(random() * (n % 7 === 0 ? 400 : 90)));
      const title = text(random, alphabet, Math.floor(random() * 12));
      const bodyChars = Array.from(body);
      const from = Math.floor(random() * Math.max(1, bodyChars.length - 3));
      const phrase = random() < 0.8 && bodyChars.length >= 3 ? bodyChars.slice(from, from + 3 + Math.floor(random() * 4)).join("") : text(random, alphabet, 3);
      if (Array.from(phrase).length < 3) continue;
      insert.run(n, title, body);
      const tokens = [10, 40][n % 2]!;
      const row = snippet.get(MATCH_START, MATCH_END, ELLIPSIS, tokens, `{title body} : ${ftsPhrase(phrase)} AND facets : "y2023"`, n) as { s: string } | undefined;
      if (!row) continue;
      compared++;
      expect(trigramSnippet(body, phrase, markers, tokens), JSON.stringify({ body, phrase, tokens })).toBe(row.s);
    }
    expect(compared).toBeGreaterThan(1500);
  });

  it("counts the tokens FTS5 counts and finds overlapping occurrences", () => {
    sqlite.exec("create virtual table v using fts5vocab(t, 'instance')");
    const random = randomFrom(5);
    sqlite.exec("delete from t");
    const insert = sqlite.prepare("insert into t (rowid, title, body, facets) values (?, ?, ?, '')");
    for (let n = 1; n <= 200; n++) {
      const body = text(random, ALPHABETS[n % ALPHABETS.length]!, Math.floor(random() * 30));
      insert.run(n, "", body);
      const count = (sqlite.prepare("select count(*) as n from v where doc = ?").get(n) as { n: number }).n;
      expect(trigramTokenCount(body), body).toBe(count);
    }
    expect(phraseInstances(Array.from("哈哈哈哈哈"), Array.from("哈哈哈"))).toEqual([0, 1, 2]);
    expect(phraseInstances(Array.from("ABCabc"), Array.from("bCa"))).toEqual([1]);
    expect(canOverlap("哈哈哈")).toBe(true);
    expect(canOverlap("1.1")).toBe(true);
    expect(canOverlap("政府信息")).toBe(false);
  });
});

describe("foldTrigramCharacter", () => {
  it("folds every character of the Basic Multilingual Plane as its one-character lower case (its shortcut for CJK included)", () => {
    const differing: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue; // surrogates: not characters on their own
      const c = String.fromCharCode(code);
      const lower = c.toLowerCase();
      if (foldTrigramCharacter(c) !== (lower.length === 1 ? lower : c)) differing.push(code.toString(16));
    }
    expect(differing).toEqual([]);
  });
});

describe("characterGrams", () => {
  it("holds exactly the one- and two-character phrases the per-character index matches", () => {
    const random = randomFrom(29);
    const insert = sqlite.prepare("insert into c (rowid, text) values (?, ?)");
    const match = sqlite.prepare("select count(*) as n from c where c match ? and rowid = cast(? as integer)");
    const alphabet = ["青", "石", "，", " ", "A", "a", "É", "e", "1", "_", "、", "\n"];
    for (let n = 1; n <= 300; n++) {
      const value = text(random, alphabet, Math.floor(random() * 20));
      insert.run(n, Array.from(value.replace(/\s+/g, " ")).join(" "));
      const grams = new Set(characterGrams(value));
      for (const query of ["青", "青石", "石青", "a", "Aa", "e", "1青", "石1", "ée"]) {
        const expected = (match.get(`text : ${ftsPhrase(Array.from(query).join(" "))}`, n) as { n: number }).n === 1;
        expect(grams.has(characterTokens(query).join("")), JSON.stringify({ value, query })).toBe(expected);
      }
    }
  });
});
