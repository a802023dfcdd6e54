/** The bench's arithmetic: percentiles of latencies, and min / median of interleaved rounds. */

/** The nearest-rank percentile of ascending values (NaN when there are none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The median (the mean of the two middle values for an even count; NaN when there are none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const twoDecimals = (n: number) => Math.round(n * 100) / 100;

/** p50 / p95 / max of a series of latencies in ms, one decimal. */
export function latencySummary(latencies: readonly number[]): { runs: number; p50: number; p95: number; max: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { runs: sorted.length, p50: oneDecimal(percentile(sorted, 50)), p95: oneDecimal(percentile(sorted, 95)), max: oneDecimal(sorted.at(-1) ?? NaN) };
}

/** One wrk run's throughput and its checked responses. */
export interface ThroughputRun {
  requestsPerSecond: number;
  checked: number;
  /** Responses that were not a 200 of the right length (incl. wrk's non-2xx count). */
  bad: number;
}

export interface ThroughputSummary {
  min: number;
  median: number;
  checked: number;
  bad: number;
}

export function throughputSummary(runs: readonly ThroughputRun[]): ThroughputSummary {
  const rates = runs.map((r) => r.requestsPerSecond);
  return {
    min: Math.min(...rates),
    median: Math.round(median(rates)),
    checked: runs.reduce((n, r) => n + r.checked, 0),
    bad: runs.reduce((n, r) => n + r.bad, 0),
  };
}

/**
 * How many times `candidate` served `baseline`'s req/s, round by round (rounds are interleaved,
 * so each round's two runs saw the same machine): the lowest and the median ratio, two decimals.
 */
export function roundRatios(candidate: readonly ThroughputRun[], baseline: readonly ThroughputRun[]): { min: number; median: number } {
  if (candidate.length !== baseline.length || candidate.length === 0) throw new Error("ratios need the same number of rounds on both sides");
  const ratios = candidate.map((run, i) => run.requestsPerSecond / baseline[i]!.requestsPerSecond);
  return { min: twoDecimals(Math.min(...ratios)), median: twoDecimals(median(ratios)) };
}
