/** Tolerance for comparing sums (cells may hold bad fractional values that V1 reports). */
const EPSILON = 1e-9;

export function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Round away binary noise of sums (0.1 + 0.2 → 0.3) for reporting. */
export function tidy(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** Digits after the decimal point of a number as JSON would print it (1e-7 → 7). */
export function decimalPlaces(n: number): number {
  if (!Number.isFinite(n) || Number.isInteger(n)) return 0;
  const text = String(Math.abs(n));
  const [mantissa = "", exponent] = text.split("e");
  const fraction = mantissa.split(".")[1]?.length ?? 0;
  return Math.max(0, fraction - (exponent ? Number(exponent) : 0));
}

/** Number as shown in messages. */
export function formatNumber(n: number): string {
  return String(n);
}
