import { resolveFormat, type FormatDefinition, type FormatId } from "@/lib/formats";
import { GOV_TEXT_CHECKS } from "@/lib/formats/text-checks";
import {
  MIN_COUNTABLE_CHARS,
  SHINGLE_LENGTH,
  compileBoilerplate,
  countSet,
  coveredCharacters,
  distinctSorted,
  normaliseHtml,
  percentOf,
  shingleHashes,
  sortedHas,
  type NormalisedText,
} from "./shingles";
import type { CheckableReport, CopiedFrom, Finding } from "./types";

/*
 * X-5 — 雷同 (copied text), spec §5.
 *
 * For each narrative section: the share of its countable characters (shingles.ts: no
 * boilerplate, whitespace or punctuation; digit runs as one placeholder) that lie in at
 * least one 10-character shingle also found in
 *   (a) the same unit's previous-year report, same section to same section, or
 *   (b) another unit's report, the whole of it (copied text may land in another section),
 *       looked up in a CopiedTextIndex of many reports.
 * The best (highest) source per section is kept, even below the threshold (the county view
 * shows the highest percentage); checkCopiedText warns at or above the threshold.
 *
 * Sections with fewer than MIN_COUNTABLE_CHARS (50) countable characters are not judged.
 *
 * Pure, no Node APIs: runs in the browser (the editor) and on the server.
 */

/** A report as a source of text: another unit's, or the same unit's previous year's. */
export interface SourceDoc {
  /** Identifies the source for the caller, e.g. `report:12` or a file name. */
  readonly id: string;
  /** Chinese name for messages, e.g. 「示例县柳溪镇人民政府2023年度报告」 or 「本单位2022年度报告」. */
  readonly label: string;
  readonly sections: readonly { readonly key: string; readonly heading?: string; readonly html: string }[];
}

export interface CopiedTextOptions {
  /** Format whose boilerplate and threshold apply (default: the index's, else gov-2021). */
  readonly format?: FormatId | FormatDefinition;
  /** Share (0–1) at or above which checkCopiedText warns; default the format's (0.6). */
  readonly threshold?: number;
}

/** A section's highest match. */
export interface CopiedTextMatch extends CopiedFrom {
  readonly sectionKey: string;
  /** JSON path of the section's text, `sections.<i>.html`. */
  readonly path: string;
  /** "previous": the same unit's previous-year report; "other": another report from the index. */
  readonly source: "previous" | "other";
  readonly sourceSectionKey: string;
}

export interface CopiedTextSources {
  /** The same unit's previous-year report (compared section to same section). */
  readonly previous?: SourceDoc | null;
  /** Other units' reports (compared with the whole of each). */
  readonly index?: CopiedTextIndex;
  /** Id under which the report itself may be in the index (left out of the comparison). */
  readonly excludeId?: string;
}

/** The index posts one shingle in 2^SAMPLE_BITS (by hash value). */
const SAMPLE_BITS = 2;
const isSampled = (hash: number): boolean => (hash & ((1 << SAMPLE_BITS) - 1)) === 0;

/** How many of the reports sharing most shingles with a section are measured exactly. */
const CANDIDATES = 16;

function textChecksOf(format: FormatId | FormatDefinition | undefined) {
  return (format === undefined ? undefined : resolveFormat(format).rules.textChecks) ?? GOV_TEXT_CHECKS;
}

/** A section ready to compare: its normalised text and shingles by position. */
interface PreparedSection {
  readonly text: NormalisedText;
  readonly hashes: Uint32Array;
}

class Preparer {
  readonly boilerplate: readonly RegExp[];
  constructor(format: FormatId | FormatDefinition | undefined) {
    this.boilerplate = compileBoilerplate(textChecksOf(format).boilerplate);
  }
  prepare(html: string): PreparedSection {
    const text = normaliseHtml(html, this.boilerplate);
    return { text, hashes: shingleHashes(text.codes) };
  }
}

interface IndexedDoc {
  readonly id: string;
  readonly label: string;
  /** Distinct shingles of the whole report, sorted. */
  readonly all: Uint32Array;
  readonly sections: readonly { readonly key: string; readonly hashes: Uint32Array }[];
}

/**
 * Inverted index shingle → reports, over many reports (e.g. every unit's report of a year),
 * so that one report is measured against all of them quickly: the reports sharing most
 * shingles with a section are found from the postings, then the best few measured exactly.
 */
export class CopiedTextIndex {
  readonly format: FormatId | FormatDefinition | undefined;
  private readonly preparer: Preparer;
  private readonly slots: (IndexedDoc | undefined)[] = [];
  private readonly free: number[] = [];
  private readonly slotOf = new Map<string, number>();
  /**
   * Sampled shingle → slot, or slots when several reports hold it. Only shingles whose hash
   * is 0 modulo SAMPLE are posted (the same shingles in every report, so shared text still
   * meets): they only pick the candidates, whose coverage is then measured on all shingles.
   * A quarter of the entries, and the key (hash / SAMPLE) is a small integer for V8.
   */
  private readonly postings = new Map<number, number | number[]>();

  constructor(options: { readonly format?: FormatId | FormatDefinition } = {}) {
    this.format = options.format;
    this.preparer = new Preparer(options.format);
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Adds a report (replacing one with the same id). */
  add(doc: SourceDoc): void {
    this.remove(doc.id);
    const sections = doc.sections.map((s) => ({ key: s.key, hashes: distinctSorted(this.preparer.prepare(s.html).hashes) }));
    const joined = new Uint32Array(sections.reduce((n, s) => n + s.hashes.length, 0));
    let at = 0;
    for (const s of sections) {
      joined.set(s.hashes, at);
      at += s.hashes.length;
    }
    const all = distinctSorted(joined);
    const slot = this.free.pop() ?? this.slots.length;
    this.slots[slot] = { id: doc.id, label: doc.label, all, sections };
    this.slotOf.set(doc.id, slot);
    for (const h of all) {
      if (!isSampled(h)) continue;
      const key = h >>> SAMPLE_BITS;
      const held = this.postings.get(key);
      if (held === undefined) this.postings.set(key, slot);
      else if (typeof held === "number") {
        this.postings.set(key, [held, slot]);
      } else held.push(slot);
    }
  }

  /** Removes a report; false when it was not indexed. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    const doc = this.slots[slot]!;
    for (const h of doc.all) {
      if (!isSampled(h)) continue;
      const key = h >>> SAMPLE_BITS;
      const held = this.postings.get(key);
      if (held === slot) this.postings.delete(key);
      else if (Array.isArray(held)) {
        const i = held.indexOf(slot);
        if (i >= 0) held.splice(i, 1);
        if (held.length === 1) this.postings.set(key, held[0]!);
      }
    }
    this.slots[slot] = undefined;
    this.free.push(slot);
    this.slotOf.delete(id);
    return true;
  }

  /** @internal Normalises like the indexed reports. */
  prepare(html: string): PreparedSection {
    return this.preparer.prepare(html);
  }

  /** The indexed report whose text covers most of the section, or null when none shares a shingle. */
  bestMatch(section: PreparedSection, excludeId?: string): { percent: number; doc: IndexedDoc; sectionKey: string } | null {
    const excluded = excludeId === undefined ? -1 : (this.slotOf.get(excludeId) ?? -1);
    const hits = new Int32Array(this.slots.length);
    const touched: number[] = [];
    const count = (slot: number) => {
      if (slot === excluded) return;
      if (hits[slot] === 0) touched.push(slot);
      hits[slot]!++;
    };
    for (const h of section.hashes) {
      if (!isSampled(h)) continue;
      const held = this.postings.get(h >>> SAMPLE_BITS);
      if (held === undefined) continue;
      if (typeof held === "number") count(held);
      else for (const slot of held) count(slot);
    }
    if (touched.length === 0) return null;
    touched.sort((a, b) => hits[b]! - hits[a]! || a - b);
    const length = section.text.codes.length;
    let best: { covered: number; slot: number } | null = null;
    for (const slot of touched.slice(0, CANDIDATES)) {
      const doc = this.slots[slot]!;
      const covered = countSet(coveredCharacters(section.hashes, length, (h) => sortedHas(doc.all, h)));
      if (!best || covered > best.covered) best = { covered, slot };
    }
    const doc = this.slots[best!.slot]!;
    return { percent: percentOf(best!.covered, length), doc, sectionKey: sourceSection(section.hashes, doc.sections) };
  }
}

/** The source section holding most of the section's shingles. */
function sourceSection(hashes: Uint32Array, sections: IndexedDoc["sections"]): string {
  let best = { key: sections[0]?.key ?? "", hits: -1 };
  for (const s of sections) {
    let hits = 0;
    for (const h of hashes) if (sortedHas(s.hashes, h)) hits++;
    if (hits > best.hits) best = { key: s.key, hits };
  }
  return best.key;
}

/**
 * Per narrative section of the report, its highest match among the sources (see the file
 * comment). Sections not judged (fewer than 50 countable characters) and sections sharing
 * nothing with any source are left out. In the report's section order.
 */
export function measureCopiedText(report: CheckableReport, sources: CopiedTextSources, options: CopiedTextOptions = {}): CopiedTextMatch[] {
  const { previous, index, excludeId } = sources;
  const format = options.format ?? index?.format;
  const preparer = index && (options.format === undefined || options.format === index.format) ? index : new Preparer(format);
  const previousPreparer = new Preparer(format);
  const out: CopiedTextMatch[] = [];
  (report.sections ?? []).forEach((section, i) => {
    const mine = preparer.prepare(section.html);
    const length = mine.text.codes.length;
    if (length < MIN_COUNTABLE_CHARS) return;
    const path = `sections.${i}.html`;
    let best: CopiedTextMatch | null = null;

    const before = previous?.sections.find((s) => s.key === section.key);
    if (previous && before) {
      const theirs = new Set(previousPreparer.prepare(before.html).hashes);
      const percent = percentOf(countSet(coveredCharacters(mine.hashes, length, (h) => theirs.has(h))), length);
      if (percent > 0) {
        best = { sectionKey: section.key, path, percent, source: "previous", sourceId: previous.id, sourceLabel: previous.label, sourceSectionKey: before.key };
      }
    }
    const other = index?.bestMatch(mine, excludeId);
    if (other && other.percent > 0 && (!best || other.percent > best.percent)) {
      best = { sectionKey: section.key, path, percent: other.percent, source: "other", sourceId: other.doc.id, sourceLabel: other.doc.label, sourceSectionKey: other.sectionKey };
    }
    if (best) out.push(best);
  });
  return out;
}

/** The X-5 threshold as a whole percentage (options, else the format's data). */
export function copiedTextThresholdPercent(options: CopiedTextOptions = {}, index?: CopiedTextIndex): number {
  const share = options.threshold ?? textChecksOf(options.format ?? index?.format).copiedTextThreshold;
  return Math.round(share * 100);
}

/** X-5 warnings: sections whose highest match reaches the threshold, in section order. */
export function checkCopiedText(report: CheckableReport, sources: CopiedTextSources, options: CopiedTextOptions = {}): Finding[] {
  return copiedTextFindings(measureCopiedText(report, sources, options), copiedTextThresholdPercent(options, sources.index));
}

/** The X-5 warnings among measured matches: those at or above the threshold (whole percent). */
export function copiedTextFindings(matches: readonly CopiedTextMatch[], thresholdPercent: number): Finding[] {
  return matches
    .filter((m) => m.percent >= thresholdPercent)
    .map((m) => ({
      ruleId: "X-5",
      severity: "warning",
      cells: [],
      path: m.path,
      message:
        m.source === "previous"
          ? `本节 ${m.percent}% 的文字与${m.sourceLabel}相同，请结合本年度实际情况撰写`
          : `本节 ${m.percent}% 的文字与${m.sourceLabel}相同，请结合本单位实际情况撰写`,
      copied: { percent: m.percent, sourceId: m.sourceId, sourceLabel: m.sourceLabel, sourceSectionKey: m.sourceSectionKey },
    }));
}

/**
 * A run of one paragraph's text, shared with the other side or not. Every paragraph of the
 * side's plain text (htmlToParagraphs) gives one or more segments with its index in
 * `paragraph`; joining a paragraph's segments gives back its text exactly.
 */
export interface Segment {
  readonly text: string;
  readonly shared: boolean;
  readonly paragraph: number;
}

/**
 * Both texts cut into shared and unshared runs, for the side-by-side view of X-5: a
 * character is shared when it lies in a shingle found on the other side; punctuation and
 * spaces between two shared characters of a paragraph are shared too; boilerplate never is.
 */
export function sideBySide(
  mineHtml: string,
  theirsHtml: string,
  options: Pick<CopiedTextOptions, "format"> = {},
): { mine: Segment[]; theirs: Segment[] } {
  const preparer = new Preparer(options.format);
  const mine = preparer.prepare(mineHtml);
  const theirs = preparer.prepare(theirsHtml);
  const mineSet = new Set(mine.hashes);
  const theirSet = new Set(theirs.hashes);
  return {
    mine: segments(mine.text, coveredCharacters(mine.hashes, mine.text.codes.length, (h) => theirSet.has(h))),
    theirs: segments(theirs.text, coveredCharacters(theirs.hashes, theirs.text.codes.length, (h) => mineSet.has(h))),
  };
}

/** Longest run of uncounted characters between two shared ones that is shown as shared. */
const MAX_SHARED_GAP = 4;
/** Punctuation that closes a clause or a quotation. */
const CLOSING = /^[。；;！!？?，,、：:”’」』）)】》]$/;

function segments(text: NormalisedText, covered: Uint8Array): Segment[] {
  const flags = text.paragraphs.map((p) => new Uint8Array(p.length));
  for (let i = 0; i < covered.length; i++) {
    if (!covered[i]) continue;
    const p = text.paragraph[i]!;
    flags[p]!.fill(1, text.start[i], text.end[i]);
    // Fill a short gap (punctuation, spaces; not removed boilerplate) back to the previous
    // shared character of the paragraph.
    if (i > 0 && covered[i - 1] && text.paragraph[i - 1] === p && text.start[i]! - text.end[i - 1]! <= MAX_SHARED_GAP) {
      flags[p]!.fill(1, text.end[i - 1], text.start[i]);
    }
    // A shared passage keeps the punctuation that closes it (「……答复。」).
    if (!covered[i + 1]) {
      const paragraph = text.paragraphs[p]!;
      let at = text.end[i]!;
      while (at < paragraph.length && CLOSING.test(paragraph[at]!)) at++;
      flags[p]!.fill(1, text.end[i], at);
    }
  }
  const out: Segment[] = [];
  text.paragraphs.forEach((paragraph, p) => {
    const f = flags[p]!;
    let from = 0;
    for (let i = 1; i <= paragraph.length; i++) {
      if (i === paragraph.length || f[i] !== f[from]) {
        out.push({ text: paragraph.slice(from, i), shared: f[from] === 1, paragraph: p });
        from = i;
      }
    }
  });
  return out;
}

export { MIN_COUNTABLE_CHARS, SHINGLE_LENGTH };
