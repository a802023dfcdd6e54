/**
 * Date helpers for report pages. Every date is shown in China time (UTC+8) whatever the
 * server's time zone: ISO timestamps are shifted by +8 h and read with the UTC getters;
 * a plain `YYYY-MM-DD` is already a China calendar date and is taken as is.
 */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const PLAIN_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** A date-time without offset (`2018-04-24T17:02` / `2018-04-24 17:02:00`) is read as China time. */
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

export interface ChinaDateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** False for a plain calendar date (no time of day known). */
  readonly hasTime: boolean;
}

function isValidCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Calendar parts of a date string in China time; null when empty or unparseable. */
export function chinaDateParts(value: string | null | undefined): ChinaDateParts | null {
  const raw = value?.trim();
  if (!raw) return null;
  const plain = PLAIN_DATE.exec(raw);
  if (plain) {
    const year = Number(plain[1]);
    const month = Number(plain[2]);
    const day = Number(plain[3]);
    if (!isValidCalendarDate(year, month, day)) return null;
    return { year, month, day, hour: 0, minute: 0, hasTime: false };
  }
  const local = LOCAL_DATE_TIME.exec(raw);
  const iso = local ? `${local[1]}T${local[2]}+08:00` : raw;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + CHINA_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    hasTime: true,
  };
}

const pad = (n: number): string => String(n).padStart(2, "0");

/** `YYYY-MM-DD` in China time (metadata 发布日期 / 成文日期). */
export function formatChinaIsoDate(value: string | null | undefined): string | null {
  const p = chinaDateParts(value);
  return p ? `${p.year}-${pad(p.month)}-${pad(p.day)}` : null;
}

/** `YYYY-MM-DD HH:mm` in China time, or `YYYY-MM-DD` for a plain date (发布时间 line). */
export function formatChinaDateTime(value: string | null | undefined): string | null {
  const p = chinaDateParts(value);
  if (!p) return null;
  const date = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  return p.hasTime ? `${date} ${pad(p.hour)}:${pad(p.minute)}` : date;
}

/** 「YYYY年M月D日」 in China time (落款 date). */
export function formatChineseDate(value: string | null | undefined): string | null {
  const p = chinaDateParts(value);
  return p ? `${p.year}年${p.month}月${p.day}日` : null;
}
