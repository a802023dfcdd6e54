/**
 * The page of a ranking (best() of db/pg/search-query.ts: a heap of the k best when k is small,
 * a sort otherwise) against sorting everything, with many equal scores broken by id.
 */
import { describe, expect, it } from "vitest";
import { best } from "@/db/pg/search-query";

describe("the best k of a ranking", () => {
  it("are the first k of the full order, ties broken as the order says", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const n of [0, 1, 5, 40, 1000, 5000]) {
      const scores = Array.from({ length: n }, () => Math.floor(random() * 20) / 4);
      const ids = Array.from({ length: n }, (_, i) => (i * 7919) % 100_003);
      const before = (x: number, y: number) => scores[x]! > scores[y]! || (scores[x] === scores[y] && ids[x]! > ids[y]!);
      const all = Array.from({ length: n }, (_, i) => i).sort((x, y) => (before(x, y) ? -1 : 1));
      for (const k of [1, 3, 10, 20, 100, n]) expect(best(n, k, before), `n ${n}, k ${k}`).toEqual(all.slice(0, k));
    }
  });
});
