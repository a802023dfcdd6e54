/**
 * Positional postings of the PostgreSQL search (db/pg/search-query.ts), the counterpart of FTS5's
 * doclists: for a set of indexed reports (a segment, db/pg/search-segments.ts), every trigram of
 * their title, unit and body — folded as FTS5's trigram tokenizer folds them — with, per report,
 * the positions at which it starts in each column. A phrase of n ≥ 3 characters occurs at
 * position p of a column exactly when the trigrams that cover it (at offsets 0, 3, 6, … and n − 3)
 * start at p plus their offset; counting those p gives the occurrences bm25 weighs (overlapping
 * ones too, as FTS5 counts instances) without reading any text. Pure: no database.
 *
 * Encoding (varints of 7 bits, low bits first): a segment's reports are numbered 0..n−1 (the
 * order of `encodeSegmentDocs`); one trigram's postings are two parts, each in ascending report
 * number — the counts: for each report holding the trigram, its number's difference from the
 * previous one minus 1 and the three counts (title, unit, body); the positions: for each such
 * report and column, the positions as differences from the previous one (from 0). A
 * three-character phrase reads only the counts (search_postings.counts_length bytes).
 */
import { foldTrigramCharacter } from "./fts5-compat";

/** A report of a segment: what bm25 and the filters need besides the occurrences. */
export interface SegmentDoc {
  readonly reportId: number;
  readonly year: number;
  readonly unitId: number;
  /** Length in FTS5 trigram tokens (title, unit, body and facets): bm25's document length. */
  readonly tokens: number;
}

/** The text of a report as indexed (search_documents: title, unit, body; NUL removed). */
export interface SegmentText {
  readonly title: string;
  readonly unit: string;
  readonly body: string;
}

/** A segment's reports as columns of int32: [n, reportIds…, years…, unitIds…, tokens…]. */
export interface SegmentDocs {
  readonly reportIds: Int32Array;
  readonly years: Int32Array;
  readonly unitIds: Int32Array;
  readonly tokens: Int32Array;
}

export function encodeSegmentDocs(docs: readonly SegmentDoc[]): Buffer {
  const n = docs.length;
  const ints = new Int32Array(1 + 4 * n);
  ints[0] = n;
  docs.forEach((d, i) => {
    ints[1 + i] = d.reportId;
    ints[1 + n + i] = d.year;
    ints[1 + 2 * n + i] = d.unitId;
    ints[1 + 3 * n + i] = d.tokens;
  });
  return Buffer.from(ints.buffer, ints.byteOffset, ints.byteLength);
}

export function decodeSegmentDocs(bytes: Uint8Array): SegmentDocs {
  const copy = new Uint8Array(bytes); // aligned
  const ints = new Int32Array(copy.buffer, 0, copy.byteLength >> 2);
  const n = ints[0] ?? 0;
  return {
    reportIds: ints.subarray(1, 1 + n),
    years: ints.subarray(1 + n, 1 + 2 * n),
    unitIds: ints.subarray(1 + 2 * n, 1 + 3 * n),
    tokens: ints.subarray(1 + 3 * n, 1 + 4 * n),
  };
}

/** A growable byte buffer of varints (values below 2^28). */
class VarintWriter {
  bytes = new Uint8Array(16);
  length = 0;

  write(value: number) {
    if (this.length + 4 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  result(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

/** One trigram's postings as built: the counts, then the positions. */
class TrigramWriter {
  readonly counts = new VarintWriter();
  readonly positions = new VarintWriter();
  lastDoc = -1;
}

/** Each code point as foldTrigramCharacter folds it, computed once. */
const folding = new Map<string, string>();

/** Folded code points of a column as the trigram tokenizer reads it. */
function foldedCharacters(text: string): string[] {
  const out: string[] = [];
  for (const c of text) {
    if (c === "\u0000") continue;
    let folded = folding.get(c);
    if (folded === undefined) folding.set(c, (folded = foldTrigramCharacter(c)));
    out.push(folded);
  }
  return out;
}

/**
 * A trigram while building: a number when its three characters are one UTF-16 unit each (hashed
 * faster than a string), else the string itself (never the same trigram both ways).
 */
type TrigramKey = number | string;
function trigramKey(a: string, b: string, c: string): TrigramKey {
  if (a.length === 1 && b.length === 1 && c.length === 1) return a.charCodeAt(0) * 4294967296 + b.charCodeAt(0) * 65536 + c.charCodeAt(0);
  return a + b + c;
}
function trigramOfKey(key: TrigramKey): string {
  if (typeof key === "string") return key;
  return String.fromCharCode(Math.floor(key / 4294967296), Math.floor(key / 65536) % 65536, key % 65536);
}

/** One trigram's postings: the counts part (all a three-character phrase needs) and the positions part. */
export interface Postings {
  readonly counts: Uint8Array;
  /** Absent when only the counts were read. */
  readonly positions?: Uint8Array;
}

/**
 * Builds the postings of a segment: `add` each report's text in the order of its number, then
 * `result`. Memory grows with the text: about 2 bytes per character indexed.
 */
export class PostingsBuilder {
  private readonly writers = new Map<TrigramKey, TrigramWriter>();
  private doc = 0;

  add(text: SegmentText): void {
    const doc = this.doc++;
    const positions = new Map<TrigramKey, [number[], number[], number[]]>();
    [text.title, text.unit, text.body].forEach((column, c) => {
      const chars = foldedCharacters(column);
      for (let i = 0; i + 2 < chars.length; i++) {
        const key = trigramKey(chars[i]!, chars[i + 1]!, chars[i + 2]!);
        let entry = positions.get(key);
        if (!entry) positions.set(key, (entry = [[], [], []]));
        entry[c]!.push(i);
      }
    });
    for (const [key, columns] of positions) {
      let writer = this.writers.get(key);
      if (!writer) this.writers.set(key, (writer = new TrigramWriter()));
      writer.counts.write(doc - writer.lastDoc - 1);
      writer.lastDoc = doc;
      for (const list of columns) writer.counts.write(list.length);
      for (const list of columns) {
        let previous = 0;
        for (const p of list) {
          writer.positions.write(p - previous);
          previous = p;
        }
      }
    }
  }

  /** Every trigram of the reports added, with its postings. */
  *result(): Generator<[string, Postings]> {
    for (const [key, writer] of this.writers) yield [trigramOfKey(key), { counts: writer.counts.result(), positions: writer.positions.result() }];
  }
}

/**
 * Reads one trigram's postings report by report. A report's positions are decoded only when asked
 * for, column by column in order (title, unit, body); those not asked for are skipped, which only
 * looks for the last byte of each varint.
 */
class PostingsCursor {
  private countsAt = 0;
  /** Where the next column of the current report starts in the positions part. */
  private positionsAt = 0;
  /** The next column of the current report not yet decoded or skipped (3: none left). */
  private column = 3;
  private readonly counted: Uint8Array;
  private readonly placed: Uint8Array;
  /** Current report's number in the segment; -1 before the first, Infinity after the last. */
  doc = -1;
  /** Occurrences in the current report, per column (title, unit, body). */
  readonly counts = new Int32Array(3);
  /** Positions of the column last decoded (`decode`); the first counts[c] are valid. */
  positions = new Int32Array(64);

  constructor(postings: Postings) {
    this.counted = postings.counts;
    this.placed = postings.positions ?? new Uint8Array(0);
  }

  /** Moves to the next report; false at the end. */
  next(): boolean {
    if (this.column < 3) this.skipTo(3);
    const bytes = this.counted;
    let at = this.countsAt;
    if (at >= bytes.length) {
      this.doc = Infinity;
      return false;
    }
    for (let k = 0; k < 4; k++) {
      let b = bytes[at++]!;
      let v = b & 0x7f;
      let shift = 7;
      while (b >= 0x80) {
        b = bytes[at++]!;
        v |= (b & 0x7f) << shift;
        shift += 7;
      }
      if (k === 0) this.doc += v + 1;
      else this.counts[k - 1] = v;
    }
    this.countsAt = at;
    // Read with its counts only (a three-character phrase): there are no positions to pass over.
    this.column = this.placed.length > 0 ? 0 : 3;
    return true;
  }

  /** Skips the positions of the current report's columns before `column`. */
  private skipTo(column: number) {
    const bytes = this.placed;
    let at = this.positionsAt;
    let left = 0;
    for (let c = this.column; c < column; c++) left += this.counts[c]!;
    while (left > 0 && at < bytes.length) if (bytes[at++]! < 0x80) left--;
    this.positionsAt = at;
    this.column = column;
  }

  /** Decodes the positions of column c (≥ every column already read) of the current report into `positions`. */
  decode(c: number): Int32Array {
    if (this.column < c) this.skipTo(c);
    const n = this.counts[c]!;
    if (this.positions.length < n) this.positions = new Int32Array(Math.max(n, this.positions.length * 2));
    const list = this.positions;
    const bytes = this.placed;
    let at = this.positionsAt;
    let p = 0;
    for (let i = 0; i < n; i++) {
      let b = bytes[at++]!;
      if (b < 0x80) {
        p += b;
      } else {
        let v = b & 0x7f;
        let shift = 7;
        do {
          b = bytes[at++]!;
          v |= (b & 0x7f) << shift;
          shift += 7;
        } while (b >= 0x80);
        p += v;
      }
      list[i] = p;
    }
    this.positionsAt = at;
    this.column = c + 1;
    return list;
  }

  /** Moves to the first report numbered `doc` or more; false at the end. */
  seek(doc: number): boolean {
    while (this.doc < doc) if (!this.next()) return false;
    return true;
  }
}

/** The trigrams that cover a phrase of n ≥ 3 characters and their offsets in it: 0, 3, 6, … and n − 3. */
export function coveringTrigrams(phrase: string): { trigram: string; offset: number }[] {
  const chars = foldedCharacters(phrase);
  const offsets: number[] = [];
  for (let o = 0; o + 3 <= chars.length; o += 3) offsets.push(o);
  if (offsets.at(-1) !== chars.length - 3) offsets.push(chars.length - 3);
  return offsets.map((offset) => ({ trigram: chars.slice(offset, offset + 3).join(""), offset }));
}

/**
 * The reports where a phrase occurs, from the postings of its covering trigrams (in the order
 * of coveringTrigrams; a missing trigram means no report). Calls `hit` with the report's number
 * in the segment and the phrase's occurrences in its title, unit and body, in ascending number.
 * A three-character phrase needs only the counts of its one trigram; a longer one decodes the
 * positions of a column only where every covering trigram occurs in it.
 */
export function phraseHits(
  offsets: readonly number[],
  postings: readonly (Postings | undefined)[],
  hit: (doc: number, title: number, unit: number, body: number) => void,
): void {
  if (postings.length === 0 || postings.some((p) => !p)) return;
  const cursors = postings.map((p) => new PostingsCursor(p!));
  const lead = cursors[0]!;
  const others = cursors.slice(1);
  const otherOffsets = offsets.slice(1);
  if (others.length === 0) {
    while (lead.next()) hit(lead.doc, lead.counts[0]!, lead.counts[1]!, lead.counts[2]!);
    return;
  }
  const idx = new Int32Array(others.length);
  const found = [0, 0, 0];
  outer: while (lead.next()) {
    const doc = lead.doc;
    for (const cursor of others) {
      if (!cursor.seek(doc)) return;
      if (cursor.doc !== doc) continue outer;
    }
    for (let c = 0; c < 3; c++) {
      found[c] = 0;
      const n = lead.counts[c]!;
      let everywhere = n > 0;
      for (let k = 0; k < others.length && everywhere; k++) everywhere = others[k]!.counts[c]! > 0;
      if (!everywhere) continue; // skipped by the next decode or report
      const starts = lead.decode(c);
      for (const other of others) other.decode(c);
      found[c] = others.length === 1 ? countShifted(starts, n, others[0]!.positions, others[0]!.counts[c]!, otherOffsets[0]!) : countAligned(starts, n, others, otherOffsets, c, idx);
    }
    if (found[0]! + found[1]! + found[2]! > 0) hit(doc, found[0]!, found[1]!, found[2]!);
  }
}

/** How many of the first n positions p of `starts` have p + offset among the first m of `list` (both ascending). */
function countShifted(starts: Int32Array, n: number, list: Int32Array, m: number, offset: number): number {
  let count = 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const want = starts[i]! + offset;
    while (j < m && list[j]! < want) j++;
    if (j >= m) break; // no later position can match either
    if (list[j] === want) count++;
  }
  return count;
}

/** Merge-walk for three or more covering trigrams: for each lead position p, does every other trigram start at p + its offset? */
function countAligned(starts: Int32Array, n: number, others: readonly PostingsCursor[], offsets: readonly number[], c: number, idx: Int32Array): number {
  let count = 0;
  idx.fill(0);
  for (let i = 0; i < n; i++) {
    const p = starts[i]!;
    let all = true;
    for (let k = 0; k < others.length; k++) {
      const list = others[k]!.positions;
      const m = others[k]!.counts[c]!;
      const want = p + offsets[k]!;
      let j = idx[k]!;
      while (j < m && list[j]! < want) j++;
      idx[k] = j;
      if (j >= m) return count; // no later position can match either
      if (list[j] !== want) {
        all = false;
        break;
      }
    }
    if (all) count++;
  }
  return count;
}
