import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getFormat, listCells, type CellId } from "@/lib/formats";
import { getTableValue, setTableValue } from "@/lib/interchange";
import { checkReport, computeTotals, ruleRank } from "@/lib/rules";
import { consistentTablesArb, messyTablesArb, reportWith, type GovFormat } from "./arbitraries";
import { zeroReport } from "./fixtures";

const FORMATS: readonly GovFormat[] = ["gov-2021", "gov-2019-trial"];

/** Computed cells whose sum rules (transitively) include the cell. */
function dependents(format: GovFormat, id: CellId): Set<CellId> {
  const out = new Set<CellId>();
  const queue = [id];
  while (queue.length > 0) {
    const current = queue.pop() as CellId;
    for (const rule of getFormat(format).rules.sums) {
      if (rule.addends.includes(current) && !out.has(rule.target)) {
        out.add(rule.target);
        queue.push(rule.target);
      }
    }
  }
  return out;
}

describe.each(FORMATS)("%s properties", (format) => {
  const base = zeroReport(format, 2023);
  const arithmeticLeaves = listCells(format).filter((c) => !c.computed && c.tableId !== "table2");

  it("consistent reports produce no errors", () => {
    fc.assert(
      fc.property(consistentTablesArb(format), (tables) => {
        const errors = checkReport(format, reportWith(base, tables)).filter((f) => f.severity === "error");
        expect(errors).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("computeTotals reproduces the totals of a consistent report", () => {
    fc.assert(
      fc.property(consistentTablesArb(format), (tables) => {
        for (const [id, value] of Object.entries(computeTotals(format, { tables }))) {
          expect(value).toBe(getTableValue(tables, id));
        }
      }),
      { numRuns: 100 },
    );
  });

  it("every input cell of tables 3 and 4 is covered by an arithmetic rule", () => {
    const covered = new Set(
      [...getFormat(format).rules.sums.flatMap((s) => s.addends), ...getFormat(format).rules.balances.flatMap((b) => [...b.left, ...b.right])],
    );
    expect(arithmeticLeaves.filter((c) => !covered.has(c.id))).toEqual([]);
    expect(arithmeticLeaves.length).toBe(format === "gov-2021" ? 6 * 24 + 12 : 6 * 22 + 12);
  });

  it("changing any single input cell of tables 3/4 yields an error naming it or a total depending on it", () => {
    fc.assert(
      fc.property(
        consistentTablesArb(format),
        fc.nat({ max: arithmeticLeaves.length - 1 }),
        fc.integer({ min: 1, max: 50 }),
        fc.boolean(),
        (tables, index, delta, up) => {
          const cell = arithmeticLeaves[index];
          if (!cell) throw new Error("index out of range");
          const before = getTableValue(tables, cell.id) ?? 0;
          const after = up || before - delta < 0 ? before + delta : before - delta;
          const errors = checkReport(format, reportWith(base, setTableValue(tables, cell.id, after))).filter(
            (f) => f.severity === "error",
          );
          const names = new Set([cell.id, ...dependents(format, cell.id)]);
          expect(errors.some((f) => f.cells.some((c) => names.has(c)))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("a negative or fractional count in table 2 is a V1 error on that cell", () => {
    const counts = listCells(format).filter((c) => c.tableId === "table2" && c.type === "int");
    fc.assert(
      fc.property(
        consistentTablesArb(format),
        fc.constantFrom(...counts),
        fc.oneof(fc.integer({ min: -100, max: -1 }), fc.integer({ min: 0, max: 100 }).map((n) => n + 0.5)),
        (tables, cell, bad) => {
          const findings = checkReport(format, reportWith(base, setTableValue(tables, cell.id, bad)));
          expect(findings.filter((f) => f.ruleId === "V1").map((f) => f.cells)).toEqual([[cell.id]]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("findings are deterministic and ordered by rule, then reading order", () => {
    const index = new Map(listCells(format).map((c) => [c.id, c.index]));
    fc.assert(
      fc.property(messyTablesArb(format), consistentTablesArb(format), (tables, previousTables) => {
        const report = reportWith(base, tables);
        const previous = reportWith(zeroReport(format, 2022), previousTables);
        const first = checkReport(format, report, previous);
        expect(checkReport(format, structuredClone(report), structuredClone(previous))).toEqual(first);
        for (let i = 1; i < first.length; i++) {
          const a = first[i - 1];
          const b = first[i];
          if (!a || !b) continue;
          const rankDiff = ruleRank(a.ruleId) - ruleRank(b.ruleId);
          expect(rankDiff).toBeLessThanOrEqual(0);
          if (rankDiff === 0 && a.cells[0] && b.cells[0]) {
            expect(index.get(a.cells[0]) ?? -1).toBeLessThanOrEqual(index.get(b.cells[0]) ?? -1);
          }
        }
      }),
      { numRuns: 200 },
    );
  }, 30_000); // 200 runs over messy reports: seconds on a busy shared machine
});
