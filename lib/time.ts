/**
 * China time (UTC+8, no daylight saving) in one place: calendar dates and times as Chinese
 * readers see them, whatever the server's time zone, the report year and deadlines. Pure.
 */

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The instant shifted so that its UTC fields read as China wall-clock time. */
const shifted = (at: Date): Date => new Date(at.getTime() + CHINA_OFFSET_MS);

/** `YYYY-MM-DD` in China. */
export function chinaDate(at: Date): string {
  return shifted(at).toISOString().slice(0, 10);
}

/**
 * `YYYY-MM-DD HH:mm` in China (`2026-12-05 18:02`): the one date-time style of staff screens —
 * every date with a time of day shown to staff goes through here (issue 12).
 */
export function chinaDateTime(at: Date): string {
  const iso = shifted(at).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** `HH:mm:ss` in China. */
export function chinaTime(at: Date): string {
  return shifted(at).toISOString().slice(11, 19);
}

/** 「YYYY年M月D日」 in China. */
export function chineseDate(at: Date): string {
  const d = shifted(at);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** ISO 8601 with the China offset, as published documents carry it: `2024-01-16T09:30:00+08:00`. */
export function chinaIso(at: Date): string {
  return `${shifted(at).toISOString().slice(0, 19)}+08:00`;
}

/** The calendar year in China. */
export function chinaYear(at: Date): number {
  return shifted(at).getUTCFullYear();
}

/**
 * The year a 索引号 carries: the year of publication in China, not the report year (the 2017
 * report of 河桥镇, published on 2018-04-24, is 002509011/2018-56405). The one rule for every
 * 索引号 the system issues, at publication and in the demo data.
 */
export function indexNoYear(publishedAt: Date): number {
  return chinaYear(publishedAt);
}

/** The instant a China calendar day (`YYYY-MM-DD`) begins. */
export function chinaDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS);
}

/** The instant of a China wall-clock time `YYYY-MM-DDTHH:mm` (a datetime-local field); Invalid Date when malformed. */
export function chinaLocalTime(value: string): Date {
  return new Date(`${value}:00+08:00`);
}

/** A document's date: a plain `YYYY-MM-DD` is read as the start of that day in China, anything else as ISO. */
export function parseChinaDateOrIso(raw: string): Date | null {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00+08:00` : raw);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A `YYYY-MM-DD` date as a day number (days since 1970-01-01), for comparing many dates cheaply. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** The day number (as dayNumber counts) of the China calendar day an instant falls on. */
export function chinaDayNumber(at: Date): number {
  return Math.floor((at.getTime() + CHINA_OFFSET_MS) / DAY_MS);
}

/** Whole days from one `YYYY-MM-DD` to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The year whose reports are due now: last calendar year in China. */
export function dueReportYear(at: Date): number {
  return chinaYear(at) - 1;
}

/** Publication deadline of a year's report: month-day (`MM-DD`) of the following year. */
export function reportDeadline(year: number, monthDay: string): string {
  return `${year + 1}-${monthDay}`;
}

/** Whole days from today (China) until a `YYYY-MM-DD` deadline; negative when past. */
export function daysUntil(deadline: string, at: Date): number {
  return daysBetween(chinaDate(at), deadline);
}

/**
 * The year a unit's next report is for: the year after its latest report (last calendar year
 * for a unit without reports). The current year is allowed, so that clerks can start drafting
 * in its last weeks; later years are not (null).
 */
export function nextReportYear(existingYears: readonly number[], at: Date): number | null {
  const currentYear = chinaYear(at);
  const next = existingYears.length ? Math.max(...existingYears) + 1 : currentYear - 1;
  return next <= currentYear ? next : null;
}
