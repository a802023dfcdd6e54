/*
 * Numbers as reports write them: Arabic (「12」「1,234」「0.36」), full-width (「１２」「３.５」),
 * Chinese numerals (「十二」「一百零五」「两万零三百」「三万五」), 大写 (「壹佰零伍」), digit by
 * digit (「二〇二三」) and decimals with 点 (「零点三六」). Pure; used by rule X-1.
 */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  貳: 2,
  两: 2,
  兩: 2,
  三: 3,
  叁: 3,
  參: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  陸: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};

/** Units inside a 万-section. */
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
/** Section units. */
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Characters a Chinese numeral is made of (for tokenizers). */
export const CHINESE_NUMERAL_CHARS = `${Object.keys(DIGITS).join("")}${Object.keys(SMALL_UNITS).join("")}${Object.keys(BIG_UNITS).join("")}`;

const FULL_WIDTH_DIGIT = /[０-９]/g;
const ARABIC = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

function toAscii(text: string): string {
  return text.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/．/g, ".");
}

/** 「二〇二三」「一二」: digits only, read one by one (两 is not a digit here). */
function parseDigitByDigit(text: string): number | null {
  let n = 0;
  for (const ch of text) {
    const d = DIGITS[ch];
    if (d === undefined || ch === "两" || ch === "兩") return null;
    n = n * 10 + d;
  }
  return n;
}

/** A Chinese integer with units (「一百零五」「十二」「三万五千」「三万五」); null when malformed. */
function parseWithUnits(text: string): number | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let zeroBefore = false; // a 零 since the last unit
  let lastSmall = Infinity; // last small unit used in the current section
  let lastBig = Infinity;
  let started = false;

  for (const ch of text) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      if (digit !== null) return null; // 「一二百」
      if (d === 0) zeroBefore = true;
      else digit = d;
      started = true;
      continue;
    }
    const small = SMALL_UNITS[ch];
    if (small !== undefined) {
      if (small >= lastSmall) return null; // 「十百」「百百」
      if (digit === null) {
        // A bare 十 opens a number (「十二」「十万」), nothing else is bare.
        if (small !== 10 || started) return null;
        digit = 1;
      }
      section += digit * small;
      lastSmall = small;
      digit = null;
      zeroBefore = false;
      started = true;
      continue;
    }
    const big = BIG_UNITS[ch];
    if (big !== undefined) {
      if (big >= lastBig) return null;
      if (digit !== null) section += digit;
      if (section === 0) return null; // 「万」「零万」
      total += section * big;
      lastBig = big;
      section = 0;
      digit = null;
      lastSmall = Infinity;
      zeroBefore = false;
      started = true;
      continue;
    }
    return null;
  }
  if (!started) return null;
  if (digit !== null) {
    if (!zeroBefore && lastSmall >= 100 && lastSmall !== Infinity) {
      // Colloquial 「一百五」 = 150, 「三千二」 = 3200.
      section += (digit * lastSmall) / 10;
    } else if (!zeroBefore && lastSmall === Infinity && section === 0 && lastBig !== Infinity) {
      // Colloquial 「三万五」 = 35000.
      section += (digit * lastBig) / 10;
    } else {
      section += digit;
    }
  }
  return total + section;
}

function parseChineseInteger(text: string): number | null {
  if (text.length === 0) return null;
  const unitless = [...text].every((ch) => DIGITS[ch] !== undefined);
  if (unitless && text.length > 1) return parseDigitByDigit(text);
  return parseWithUnits(text);
}

/**
 * The number a numeral in a report stands for, or null when `text` is not one.
 * Whitespace around it is ignored; a trailing 万 multiplies Arabic figures (「1.2万」).
 */
export function parseCount(text: string): number | null {
  const t = toAscii(text.trim());
  if (t.length === 0) return null;
  if (ARABIC.test(t)) return Number(t.replace(/,/g, ""));
  if (t.endsWith("万") || t.endsWith("萬")) {
    const head = t.slice(0, -1);
    if (ARABIC.test(head)) return Math.round(Number(head.replace(/,/g, "")) * 1e4 * 1e6) / 1e6;
  }
  const point = t.indexOf("点");
  if (point >= 0) {
    const whole = parseChineseInteger(t.slice(0, point));
    const fraction = t.slice(point + 1);
    if (whole === null || fraction.length === 0) return null;
    const digits = parseDigitByDigit(fraction);
    if (digits === null) return null;
    return Number(`${whole}.${[...fraction].map((ch) => DIGITS[ch]).join("")}`);
  }
  return parseChineseInteger(t);
}

/** Number of digits after the decimal point as written (「0.36」 → 2, 「零点五」 → 1, 「12」 → 0). */
export function writtenDecimals(text: string): number {
  const t = toAscii(text.trim());
  const at = Math.max(t.indexOf("."), t.indexOf("点"));
  return at < 0 ? 0 : [...t.slice(at + 1)].filter((ch) => /\d/.test(ch) || DIGITS[ch] !== undefined).length;
}

export interface ChineseNumeralOptions {
  /** 「两」 before 百/千/万 where it is idiomatic (「两千」「两万零三百」). */
  readonly liang?: boolean;
  /** 大写 (financial) characters: 「壹佰零伍」. */
  readonly capital?: boolean;
}

const STANDARD_DIGITS = "零一二三四五六七八九";
const CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖";

/** 0 ≤ n < 10,000 written with 千百十; `lead` = first section of the number (十二 rather than 一十二). */
function section(n: number, lead: boolean, liang: boolean): string {
  const units = ["千", "百", "十", ""];
  const digits = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  let out = "";
  let pendingZero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      if (out.length > 0) pendingZero = true;
      return;
    }
    if (pendingZero) out += "零";
    pendingZero = false;
    const unit = units[i] ?? "";
    if (unit === "十" && d === 1 && lead && out.length === 0) out += "十";
    else out += `${liang && d === 2 && (unit === "千" || unit === "百") ? "两" : STANDARD_DIGITS[d]}${unit}`;
  });
  return out;
}

/**
 * A non-negative integer below 100,000,000 as a Chinese numeral in the standard form
 * (「十二」「一百零五」「二万零三百」「十万零一」); with `liang`, 「两千」「两万零三百」; with
 * `capital`, 大写 characters. Used by tests as the inverse of `parseCount`.
 */
export function toChineseNumeral(n: number, options: ChineseNumeralOptions = {}): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e8) throw new RangeError(`toChineseNumeral: ${n} is out of range`);
  const liang = options.liang ?? false;
  let out: string;
  if (n === 0) out = "零";
  else {
    const high = Math.floor(n / 1e4);
    const low = n % 1e4;
    out = "";
    if (high > 0) out += `${high === 2 && liang ? "两" : section(high, true, liang)}万`;
    if (low > 0) {
      if (high > 0 && low < 1000) out += "零";
      out += section(low, high === 0, liang);
    }
  }
  if (!options.capital) return out;
  const capital: Readonly<Record<string, string>> = { 十: "拾", 百: "佰", 千: "仟", 万: "万", 两: "贰" };
  return [...out]
    .map((ch) => {
      const i = STANDARD_DIGITS.indexOf(ch);
      return i >= 0 ? (CAPITAL_DIGITS[i] ?? ch) : (capital[ch] ?? ch);
    })
    .join("");
}

/** n written digit by digit with 〇 (「二〇二三」), as years are. */
export function toChineseDigits(n: number): string {
  return [...String(n)].map((d) => (d === "0" ? "〇" : STANDARD_DIGITS[Number(d)])).join("");
}
