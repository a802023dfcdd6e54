import { htmlToParagraphs } from "./html-text";

/*
 * Text normalisation and character shingles for X-5 (copied text). Chinese has no spaces
 * between words, so instead of words the unit is the character: a text is reduced to its
 * countable characters and cut into overlapping runs of SHINGLE_LENGTH characters
 * (shingles), each hashed to a 32-bit integer. Two texts share a passage when they share
 * shingles.
 *
 * Normalisation, in this order, per paragraph of the section's plain text:
 * 1. text matched by the format's boilerplate patterns (prescribed preamble sentences and
 *    sub-headings) is removed;
 * 2. whitespace, punctuation and symbols are dropped;
 * 3. every run of digits (ASCII or full-width, with any punctuation inside such as 「1,234」
 *    「12.5」) becomes one placeholder, so last year's text with this year's figures still
 *    counts as copied;
 * 4. Latin letters are lower-cased (full-width ones folded to ASCII).
 * Each countable character keeps where it came from (paragraph, start and end offset in
 * the paragraph's text) so that shared passages can be highlighted in the original text.
 *
 * No Node APIs: runs in the browser and on the server.
 */

/**
 * Characters per shingle, chosen by measurement on the demo reports against the real 2017
 * 河桥镇 report (a different author, same genre), n from 5 to 16:
 * - unrelated text of the same genre: the 河桥镇 sections against a whole demo report and back
 *   share at most 20 % at n = 5–6 (stock phrases such as 「政府信息公开申请」「主动公开政府
 *   信息」), 6 % at n = 7–8, 2 % at 9, 1 % at 10, 0 from 11 on;
 * - a demo section with every number changed and one character in 30 reworded still scores
 *   ≥ 90 % against the original for n ≤ 10, but only 83 % from 11 to 14 and 65 % at 16.
 * n = 10 is the longest shingle that keeps lightly edited copies clearly above the 60 %
 * threshold while unrelated text stays at about 1 %.
 */
export const SHINGLE_LENGTH = 10;

/** A section with fewer countable characters than this (after boilerplate) is not judged. */
export const MIN_COUNTABLE_CHARS = 50;

/** Stands for a run of digits in normalised text. */
const NUMBER_CODE = 0x23; // "#", itself never countable (a symbol)

const isDigit = (cp: number): boolean => (cp >= 0x30 && cp <= 0x39) || (cp >= 0xff10 && cp <= 0xff19);

/** Whitespace, punctuation or a symbol: common ranges first, the Unicode classes for the rest. */
function isDropped(cp: number, ch: string): boolean {
  if (cp < 0x80) return !((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a));
  if ((cp >= 0x3000 && cp <= 0x303f) || (cp >= 0x2000 && cp <= 0x206f)) return true; // CJK and general punctuation
  if (cp >= 0xff01 && cp <= 0xff0f) return true; // full-width ！…／
  return DROPPED.test(ch);
}
/** Punctuation that may stand inside a number (「1,234」「12.5」). */
const NUMBER_SEPARATOR = /^[.,．，]$/;
const DROPPED = /^[\p{P}\p{S}\p{Z}\p{C}\s]$/u;

/** A section's countable characters, with where each came from. */
export interface NormalisedText {
  /** The section's paragraphs as plain text (htmlToParagraphs). */
  readonly paragraphs: readonly string[];
  /** Code point of each countable character (NUMBER_CODE for a run of digits). */
  readonly codes: Uint32Array;
  /** Paragraph of each countable character. */
  readonly paragraph: Int32Array;
  /** Start and end (exclusive) of each countable character in its paragraph's text (UTF-16 offsets). */
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/** Compiles the format's boilerplate pattern sources. */
export function compileBoilerplate(sources: readonly string[]): RegExp[] {
  return sources.map((source) => new RegExp(source, "g"));
}

function boilerplateMask(text: string, boilerplate: readonly RegExp[]): Uint8Array | null {
  let mask: Uint8Array | null = null;
  for (const pattern of boilerplate) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) {
      if (m[0].length === 0) continue;
      mask ??= new Uint8Array(text.length);
      mask.fill(1, m.index, m.index + m[0].length);
    }
  }
  return mask;
}

function isCjk(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2ebef);
}

/** Normalises the plain text of paragraphs (see the file comment). */
export function normaliseParagraphs(paragraphs: readonly string[], boilerplate: readonly RegExp[]): NormalisedText {
  const total = paragraphs.reduce((n, p) => n + p.length, 0);
  const codes = new Uint32Array(total);
  const paragraph = new Int32Array(total);
  const start = new Int32Array(total);
  const end = new Int32Array(total);
  let length = 0;
  paragraphs.forEach((text, p) => {
    const mask = boilerplateMask(text, boilerplate);
    let inNumber = false;
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      if (mask && mask[i]) {
        inNumber = false;
      } else if (isCjk(cp)) {
        codes[length] = cp;
        paragraph[length] = p;
        start[length] = i;
        end[length++] = i + width;
        inNumber = false;
      } else {
        const ch = String.fromCodePoint(cp);
        if (isDigit(cp)) {
          if (inNumber) {
            end[length - 1] = i + width;
          } else {
            codes[length] = NUMBER_CODE;
            paragraph[length] = p;
            start[length] = i;
            end[length++] = i + width;
            inNumber = true;
          }
        } else if (isDropped(cp, ch)) {
          if (inNumber && !(NUMBER_SEPARATOR.test(ch) && isDigit(text.charCodeAt(i + 1)))) inNumber = false;
        } else {
          const folded = cp >= 0xff21 && cp <= 0xff5a ? cp - 0xfee0 : cp;
          codes[length] = String.fromCodePoint(folded).toLowerCase().codePointAt(0)!;
          paragraph[length] = p;
          start[length] = i;
          end[length++] = i + width;
          inNumber = false;
        }
      }
      i += width;
    }
    inNumber = false;
  });
  return {
    paragraphs,
    codes: codes.slice(0, length),
    paragraph: paragraph.slice(0, length),
    start: start.slice(0, length),
    end: end.slice(0, length),
  };
}

/** Normalises a section's HTML (see the file comment). */
export function normaliseHtml(html: string, boilerplate: readonly RegExp[]): NormalisedText {
  return normaliseParagraphs(htmlToParagraphs(html), boilerplate);
}

/**
 * 32-bit hash of every shingle, by position: entry i covers countable characters
 * i … i + n − 1. Empty when the text is shorter than n. FNV-1a over the code points,
 * then MurmurHash3's finaliser to spread the bits.
 */
export function shingleHashes(codes: Uint32Array, n = SHINGLE_LENGTH): Uint32Array {
  const count = Math.max(0, codes.length - n + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x811c9dc5;
    for (let k = 0; k < n; k++) h = Math.imul(h ^ codes[i + k]!, 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    out[i] = h >>> 0;
  }
  return out;
}

/** Sorted distinct values (for binary search and index postings). */
export function distinctSorted(hashes: Uint32Array): Uint32Array {
  const sorted = hashes.slice().sort();
  let length = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[length++] = sorted[i]!;
  return sorted.slice(0, length);
}

/** Whether a sorted array holds a value. */
export function sortedHas(sorted: Uint32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Which countable characters lie in at least one shingle the source holds.
 * `hashes` are the text's shingles by position (shingleHashes), `length` its countable characters.
 */
export function coveredCharacters(hashes: Uint32Array, length: number, holds: (hash: number) => boolean, n = SHINGLE_LENGTH): Uint8Array {
  const covered = new Uint8Array(length);
  // Characters up to `reach` are already marked: each shingle marks only what is new.
  let reach = 0;
  for (let i = 0; i < hashes.length; i++) {
    if (!holds(hashes[i]!)) continue;
    const from = Math.max(i, reach);
    const to = i + n;
    if (from < to) covered.fill(1, from, to);
    reach = Math.max(reach, to);
  }
  return covered;
}

/** Number of set entries. */
export function countSet(flags: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < flags.length; i++) n += flags[i]!;
  return n;
}

/** Share covered as a whole percentage, rounded down (0–100). */
export function percentOf(covered: number, total: number): number {
  return total === 0 ? 0 : Math.floor((covered * 100) / total);
}
