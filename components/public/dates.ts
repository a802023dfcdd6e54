/** Dates of public pages, always in China time (UTC+8) whatever the server's time zone. */

const CHINA_OFFSET_MS = 8 * 3_600_000;

const shifted = (at: Date): Date => new Date(at.getTime() + CHINA_OFFSET_MS);

/** `YYYY-MM-DD`. */
export function chinaDate(at: Date): string {
  return shifted(at).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:mm`. */
export function chinaDateTime(at: Date): string {
  const iso = shifted(at).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** 「YYYY年M月D日」. */
export function chineseDate(at: Date): string {
  const d = shifted(at);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}
