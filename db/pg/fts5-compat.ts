/**
 * What SQLite's FTS5 computes for the search (db/search-index.ts), redone in TypeScript so that
 * the PostgreSQL search (db/pg/search-query.ts) gives the same answers: the trigram tokenizer's
 * token counts (the document lengths of bm25), the per-character (unicode61) tokens of the short
 * queries, and a line-by-line port of `snippet()` (fts5_aux.c: fts5SnippetFunction,
 * fts5SnippetScore, fts5SentenceFinderCb, fts5HighlightCb, fts5CInstIter) for one phrase on
 * one trigram-tokenized column. Pure: no database.
 *
 * Characters are code points; SQLite counts UTF-8 bytes for its offsets, which only ever cut at
 * character starts here, so slicing by code point gives the same text.
 *
 * Case folding: FTS5 folds with its own Unicode tables (trigram: lower case; unicode61: lower
 * case and, for Latin letters, diacritics removed). `toLowerCase()` of one code point agrees for
 * every letter a Chinese report plausibly holds (ASCII, full-width Latin, Greek, Cyrillic); a
 * character whose lower case is longer than one code point is left as it is.
 */

/** One code point as FTS5's trigram tokenizer compares it (case_sensitive=0, remove_diacritics=0). */
export function foldTrigramCharacter(c: string): string {
  // CJK symbols, kana and ideographs (U+3000–U+9FFF) have no case: most of a report's text.
  const code = c.charCodeAt(0);
  if (code >= 0x3000 && code <= 0x9fff) return c;
  const lower = c.toLowerCase();
  return lower.length === c.length ? lower : c;
}

/** A text as FTS5's trigram tokenizer compares it: every code point folded. */
export function foldForTrigrams(text: string): string {
  return Array.from(text, foldTrigramCharacter).join("");
}

const COMBINING_MARKS = /\p{M}/gu;

/** One code point as the unicode61 tokenizer folds it (lower case, Latin diacritics removed). */
export function foldUnicode61Character(c: string): string {
  const lower = foldTrigramCharacter(c);
  if (lower.codePointAt(0)! >= 0x2000) return lower;
  const bare = lower.normalize("NFD").replace(COMBINING_MARKS, "");
  return Array.from(bare).length === 1 ? bare : lower;
}

/** unicode61's token characters by default: letters, numbers and private-use characters ("L* N* Co"). */
const TOKEN_CHARACTER = /^[\p{L}\p{N}\p{Co}]$/u;

/**
 * The tokens the per-character index (search_characters, unicode61 over spacedCharacters())
 * holds for a text, in order: its letters, digits and private-use characters, folded. Two
 * characters are adjacent tokens when only other characters stand between them.
 */
export function characterTokens(text: string): string[] {
  return Array.from(text)
    .filter((c) => TOKEN_CHARACTER.test(c))
    .map(foldUnicode61Character);
}

/**
 * Every distinct token and pair of adjacent tokens of a text: a one- or two-character phrase
 * matches the text in search_characters exactly when its tokens, joined, are one of these.
 */
export function characterGrams(text: string): string[] {
  const tokens = characterTokens(text);
  const grams = new Set(tokens);
  for (let i = 0; i + 1 < tokens.length; i++) grams.add(tokens[i]! + tokens[i + 1]!);
  return [...grams];
}

/** Code points the trigram tokenizer reads (it skips NUL, which folds to 0). */
function trigramCharacters(text: string): string[] {
  return Array.from(text).filter((c) => c !== "\u0000");
}

/** How many tokens the trigram tokenizer makes of a column: one per character but the last two. */
export function trigramTokenCount(text: string): number {
  return Math.max(0, trigramCharacters(text).length - 2);
}

/**
 * True when a proper prefix of the text is also its suffix ("哈哈哈", "1.1.1"): only then can two
 * occurrences overlap, and counting them needs more than counting non-overlapping ones.
 */
export function canOverlap(text: string): boolean {
  const chars = Array.from(text);
  for (let k = 1; k < chars.length; k++) {
    if (chars.slice(0, k).join("") === chars.slice(chars.length - k).join("")) return true;
  }
  return false;
}

/** Start positions (characters) of every occurrence of the phrase in the text, overlapping ones too. */
export function phraseInstances(chars: readonly string[], phrase: readonly string[]): number[] {
  const folded = chars.map(foldTrigramCharacter);
  const needle = phrase.map(foldTrigramCharacter);
  const found: number[] = [];
  outer: for (let i = 0; i + needle.length <= folded.length; i++) {
    for (let j = 0; j < needle.length; j++) if (folded[i + j] !== needle[j]) continue outer;
    found.push(i);
  }
  return found;
}

export interface SnippetMarkers {
  readonly open: string;
  readonly close: string;
  readonly ellipsis: string;
}

/**
 * FTS5's `snippet(table, column, open, close, ellipsis, nToken)` for a query that is one phrase
 * of three or more characters, on a trigram-tokenized column holding `text`: the best window of
 * `nToken` tokens (trigrams, so about nToken + 2 characters) with every occurrence marked.
 */
export function trigramSnippet(text: string, phrase: string, markers: SnippetMarkers, nToken: number): string {
  const chars = trigramCharacters(text);
  const phraseChars = trigramCharacters(phrase);
  const phraseSize = Math.max(1, phraseChars.length - 2);
  const instances = phraseChars.length >= 3 ? phraseInstances(chars, phraseChars) : [];
  const nDocsize = Math.max(0, chars.length - 2);
  const slice = (from: number, to: number) => chars.slice(from, to < from ? chars.length : to).join("");

  // fts5SentenceFinderCb: a token starts a sentence after "." or ":" and white space.
  const firsts: number[] = [];
  for (let pos = 0; pos < nDocsize; pos++) {
    if (pos === 0) {
      firsts.push(0);
      continue;
    }
    let i = pos - 1;
    let c = "";
    for (; i >= 0; i--) {
      c = chars[i]!;
      if (c !== " " && c !== "\t" && c !== "\n" && c !== "\r") break;
    }
    if (i !== pos - 1 && (c === "." || c === ":")) firsts.push(pos);
  }

  // fts5SnippetScore: 1000 for the phrase's first occurrence in the window, 1 for each further one.
  const score = (iPos: number): { score: number; adjusted: number } => {
    const iEnd = iPos + nToken;
    let nScore = 0;
    let seen = false;
    let iFirst = -1;
    let iLast = 0;
    for (const io of instances) {
      if (io >= iPos && io < iEnd) {
        nScore += seen ? 1 : 1000;
        seen = true;
        if (iFirst < 0) iFirst = io;
        iLast = io + phraseSize;
      }
    }
    let adjusted = iFirst - Math.trunc((nToken - (iLast - iFirst)) / 2);
    if (adjusted + nToken > nDocsize) adjusted = nDocsize - nToken;
    if (adjusted < 0) adjusted = 0;
    return { score: nScore, adjusted };
  };

  let bestScore = 0;
  let bestStart = 0;
  let colSize = 0;
  for (const io of instances) {
    const own = score(io);
    if (own.score > bestScore) {
      bestScore = own.score;
      bestStart = own.adjusted;
      colSize = nDocsize;
    }
    if (firsts.length > 0 && nDocsize > nToken) {
      let jj = 0;
      for (; jj < firsts.length - 1; jj++) if (firsts[jj + 1]! > io) break;
      const first = firsts[jj]!;
      if (first < io) {
        const sentence = score(first).score + (first === 0 ? 120 : 100);
        if (sentence > bestScore) {
          bestScore = sentence;
          bestStart = first;
          colSize = nDocsize;
        }
      }
    }
  }
  if (colSize === 0) colSize = nDocsize;

  // fts5CInstIter: occurrences that share a token are one highlighted stretch.
  let next = 0;
  const iter = { start: -1, end: -1 };
  const advance = () => {
    iter.start = -1;
    iter.end = -1;
    while (next < instances.length) {
      const io = instances[next]!;
      const end = io - 1 + phraseSize;
      if (iter.start < 0) {
        iter.start = io;
        iter.end = end;
      } else if (io <= iter.end) {
        if (end > iter.end) iter.end = end;
      } else break;
      next++;
    }
  };
  advance();

  // fts5HighlightCb over the window's tokens.
  const rangeStart = bestStart;
  const rangeEnd = bestStart + nToken - 1;
  let out = bestStart > 0 ? markers.ellipsis : "";
  while (iter.start >= 0 && iter.start < bestStart) advance();
  let iOff = 0;
  let open = false;
  for (let iPos = 0; iPos < nDocsize; iPos++) {
    const startOff = iPos;
    const endOff = iPos + 3;
    if (iPos < rangeStart || iPos > rangeEnd) continue;
    if (rangeStart && iPos === rangeStart) iOff = startOff;
    if (open && (iPos <= iter.start || iter.start < 0) && startOff > iOff) {
      out += markers.close;
      open = false;
    }
    if (iPos === iter.start && !open) {
      out += slice(iOff, startOff) + markers.open;
      iOff = startOff;
      open = true;
    }
    if (iPos === iter.end) {
      if (!open) {
        out += markers.open;
        open = true;
      }
      out += slice(iOff, endOff);
      iOff = endOff;
      advance();
    }
    if (iPos === rangeEnd) {
      if (open) {
        if (iter.start >= 0 && iPos >= iter.start) {
          out += slice(iOff, endOff);
          iOff = endOff;
        }
        out += markers.close;
        open = false;
      }
      out += slice(iOff, endOff);
      iOff = endOff;
    }
  }
  if (open) out += markers.close;
  out += rangeEnd >= colSize - 1 ? slice(iOff, chars.length) : markers.ellipsis;
  return out;
}
