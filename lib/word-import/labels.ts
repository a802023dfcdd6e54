/*
 * Label comparison for Word files written by people: the same 「（三）不予公开」 appears as
 * 「(三) 不予公开」, 「（三）不 予 公 开」 or with a full-width stop after the number. Two levels:
 * `normalizeLabel` (spaces, bracket and punctuation widths, quotes) for an exact match, and
 * `looseLabel` (also without bracketed notes and any punctuation) as the second chance.
 */

const WIDTH_MAP: Readonly<Record<string, string>> = {
  "(": "（",
  ")": "）",
  "[": "（",
  "]": "）",
  "【": "（",
  "】": "）",
  ":": "：",
  ";": "；",
  ",": "，",
  "．": ".",
  "/": "／",
};

/** Labels compared exactly: no whitespace, unified brackets and stops, no quotation marks. */
export function normalizeLabel(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, "")
    .replace(/[()[\]【】:;,．/]/g, (c) => WIDTH_MAP[c] ?? c)
    .replace(/[“”"‘’'「」『』]/g, "")
    // 「1、属于国家秘密」 and 「1．属于…」 are 「1.属于…」.
    .replace(/(^|[^\d])(\d{1,2})[、.]/g, "$1$2.")
    .replace(/[。；：，]+$/, "");
}

/** Second chance: without bracketed notes (「（区分处理的，只计这一情形…）」, 「（单位：万元）」) and punctuation. */
export function looseLabel(text: string): string {
  return normalizeLabel(text)
    .replace(/（[^（）]*）/g, (m, offset: number) => (offset === 0 || /^（[一二三四五六七八九十]+）$/.test(m) ? m : ""))
    .replace(/[（）]/g, "")
    .replace(/[\p{P}\p{S}]/gu, "");
}

/** The value a label map finds for a label: exact normalized match first, then the loose one (only when unique). */
export class LabelIndex<T> {
  private readonly exact = new Map<string, T>();
  private readonly loose = new Map<string, T | null>();

  add(label: string, value: T): void {
    this.exact.set(normalizeLabel(label), value);
    const key = looseLabel(label);
    this.loose.set(key, this.loose.has(key) ? null : value);
  }

  find(label: string): T | undefined {
    const exact = this.exact.get(normalizeLabel(label));
    if (exact !== undefined) return exact;
    const loose = this.loose.get(looseLabel(label));
    return loose ?? undefined;
  }
}

const FULL_WIDTH_DIGITS = /[０-９．，－]/g;

export type ParsedCell = { ok: true; value: number | null } | { ok: false };

/**
 * A table cell's text as a value: blank (「」, 「—」, 「/」, 「无」) is `null`, never 0; Arabic numbers
 * with full-width digits, thousands separators or a trailing unit (件, 万元) are read; anything else is not a number.
 */
export function parseCellText(text: string): ParsedCell {
  const t = text
    .replace(FULL_WIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u00a0\u3000]+/g, "");
  if (t === "" || /^[-—–－/／\\无空]+$/.test(t)) return { ok: true, value: null };
  const m = /^(-?\d{1,3}(?:,\d{3})+|-?\d+)(\.\d+)?(?:件|个|项|万元|元)?$/.exec(t);
  if (!m) return { ok: false };
  const value = Number(`${m[1]!.replace(/,/g, "")}${m[2] ?? ""}`);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false };
}
