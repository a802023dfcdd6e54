/**
 * The positional postings (db/pg/search-postings.ts) against counting on the text itself: on
 * generated reports from small alphabets (occurrences overlap, repeat, sit at both ends of a
 * column, differ only in case), every phrase of 3 to 9 characters found by phraseHits must be
 * found in exactly the reports and columns where it is a substring of the folded text, with the
 * same number of occurrences (overlapping ones too) as phraseInstances counts.
 */
import { describe, expect, it } from "vitest";
import { foldForTrigrams, phraseInstances } from "@/db/pg/fts5-compat";
import { PostingsBuilder, coveringTrigrams, decodeSegmentDocs, encodeSegmentDocs, phraseHits, type Postings, type SegmentText } from "@/db/pg/search-postings";
import { createRng } from "@/scripts/lib/prng";

/** A report where the phrase occurs: its number and the occurrences per column. */
interface PhraseHit {
  doc: number;
  title: number;
  unit: number;
  body: number;
}

/** A deterministic pseudo-random sequence (the demo data's mulberry32), so a failure can be replayed. */
const randomFrom = (seed: number) => createRng(`postings-${seed}`).next;

const ALPHABETS = [["公", "开", "政", "府"], ["哈", "哈", "哈", "嘿"], ["a", "A", "b", " ", "1", "\n"], ["依", "申", "请", "公", "开", "。"], ["𠀀", "𠀁", "Ａ", "ａ", "Σ", "开"]];

const pick = (random: () => number, alphabet: readonly string[], length: number) =>
  Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]!).join("");

/** What the postings must say: occurrences of the folded phrase in each folded column. */
function expected(texts: readonly SegmentText[], phrase: string): PhraseHit[] {
  const needle = Array.from(foldForTrigrams(phrase));
  const count = (column: string) => phraseInstances(Array.from(foldForTrigrams(column)), needle).length;
  return texts.flatMap((t, doc) => {
    const hit = { doc, title: count(t.title), unit: count(t.unit), body: count(t.body) };
    return hit.title + hit.unit + hit.body > 0 ? [hit] : [];
  });
}

function actual(builder: PostingsBuilder, phrase: string): PhraseHit[] {
  const lists = new Map(builder.result());
  const covering = coveringTrigrams(phrase);
  const hits: PhraseHit[] = [];
  // As the search reads them (db/pg/search-segments.ts): a three-character phrase's one trigram without its positions.
  const asRead = (postings: Postings | undefined) => (postings && covering.length === 1 ? { counts: postings.counts } : postings);
  phraseHits(
    covering.map((c) => c.offset),
    covering.map((c) => asRead(lists.get(c.trigram))),
    (doc, title, unit, body) => hits.push({ doc, title, unit, body }),
  );
  return hits;
}

describe("positional postings", () => {
  it("cover a phrase with trigrams at offsets 0, 3, 6, … and the last", () => {
    expect(coveringTrigrams("依申请").map((c) => c.offset)).toEqual([0]);
    expect(coveringTrigrams("政府信息公").map((c) => [c.trigram, c.offset])).toEqual([
      ["政府信", 0],
      ["信息公", 2],
    ]);
    expect(coveringTrigrams("abcdef").map((c) => c.offset)).toEqual([0, 3]);
    expect(coveringTrigrams("ABCDEFG").map((c) => [c.trigram, c.offset])).toEqual([
      ["abc", 0],
      ["def", 3],
      ["efg", 4],
    ]);
  });

  it("find every phrase in exactly the reports and columns where it occurs, with its occurrences", () => {
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const random = randomFrom(seed);
      const alphabet = ALPHABETS[seed % ALPHABETS.length]!;
      const texts: SegmentText[] = Array.from({ length: 1 + Math.floor(random() * 30) }, () => ({
        title: pick(random, alphabet, Math.floor(random() * 8)),
        unit: pick(random, alphabet, Math.floor(random() * 6)),
        body: pick(random, alphabet, Math.floor(random() * 200)),
      }));
      const builder = new PostingsBuilder();
      for (const t of texts) builder.add(t);
      for (let q = 0; q < 30; q++) {
        // Phrases from the texts (found) and made up (often not found).
        const source = random() < 0.7 ? texts[Math.floor(random() * texts.length)]!.body : pick(random, alphabet, 20);
        const length = 3 + Math.floor(random() * 7);
        const from = Math.floor(random() * Math.max(1, Array.from(source).length - length));
        const phrase = Array.from(source).slice(from, from + length).join("");
        if (Array.from(phrase).length < 3) continue;
        expect(actual(builder, phrase), `seed ${seed}: ${JSON.stringify(phrase)}`).toEqual(expected(texts, phrase));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it("find nothing when a covering trigram is missing", () => {
    const builder = new PostingsBuilder();
    builder.add({ title: "年度报告", unit: "人民政府", body: "政府信息公开" });
    expect(actual(builder, "信息公开工作")).toEqual([]);
    expect(actual(builder, "年度报")).toEqual([{ doc: 0, title: 1, unit: 0, body: 0 }]);
  });

  it("keep a segment's reports", () => {
    const docs = [
      { reportId: 7, year: 2024, unitId: 3, tokens: 1800 },
      { reportId: 12, year: 2025, unitId: 4, tokens: 2 },
    ];
    const decoded = decodeSegmentDocs(encodeSegmentDocs(docs).subarray(0));
    expect([...decoded.reportIds]).toEqual([7, 12]);
    expect([...decoded.years]).toEqual([2024, 2025]);
    expect([...decoded.unitIds]).toEqual([3, 4]);
    expect([...decoded.tokens]).toEqual([1800, 2]);
  });
});
