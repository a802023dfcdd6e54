import { describe, expect, it } from "vitest";
import { latencySummary, median, percentile, roundRatios, throughputSummary } from "../stats";

describe("percentile", () => {
  it("takes the nearest rank", () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile(values, 100)).toBe(20);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([3, 9], 0)).toBe(3);
  });

  it("is NaN without values", () => {
    expect(percentile([], 95)).toBeNaN();
  });
});

describe("median", () => {
  it("is the middle value, or the mean of the two middle ones, whatever the order", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe("latencySummary", () => {
  it("sorts before taking p50, p95 and the maximum, one decimal", () => {
    expect(latencySummary([30.04, 10.26, 20.5, 12])).toEqual({ runs: 4, p50: 12, p95: 30, max: 30 });
    expect(latencySummary([2.26, 1.14])).toEqual({ runs: 2, p50: 1.1, p95: 2.3, max: 2.3 });
  });
});

describe("throughput of interleaved rounds", () => {
  const run = (requestsPerSecond: number, checked = 100, bad = 0) => ({ requestsPerSecond, checked, bad });

  it("gives min and median req/s and adds up the checked and bad responses", () => {
    expect(throughputSummary([run(7000), run(6000, 90, 1), run(8000)])).toEqual({ min: 6000, median: 7000, checked: 290, bad: 1 });
  });

  it("compares round with round, not medians with medians", () => {
    // Round 2 was slow for both: its ratio is still 2.
    const sqlite = [run(6000), run(3000), run(6000)];
    const twoPostgres = [run(9000), run(6000), run(12000)];
    expect(roundRatios(twoPostgres, sqlite)).toEqual({ min: 1.5, median: 2 });
  });

  it("refuses rounds that do not pair up", () => {
    expect(() => roundRatios([run(1)], [])).toThrow();
    expect(() => roundRatios([], [])).toThrow();
  });
});
