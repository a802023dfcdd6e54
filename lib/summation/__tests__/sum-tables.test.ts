import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listCells } from "@/lib/formats";
import { getTableValue, setTableValue, type ReportTables } from "@/lib/interchange";
import { checkReport } from "@/lib/rules";
import { consistentTablesArb, messyTablesArb, reportWith, type GovFormat } from "@/lib/rules/__tests__/arbitraries";
import { consistent2023, withCells, zeroReport } from "@/lib/rules/__tests__/fixtures";
import { OWN_CONTRIBUTOR_ID, cellBreakdown, sumTables, type SummationPart } from "@/lib/summation";

const FORMATS: readonly GovFormat[] = ["gov-2021", "gov-2019-trial"];

function partsOf(format: GovFormat, tablesList: readonly ReportTables[]): SummationPart[] {
  return tablesList.map((tables, i) => ({ id: `unit-${i}`, label: `示例县第${i + 1}镇`, format, tables }));
}

/** Σ of numbers as a 汇总 must show it: exact to 6 decimals. */
function exactSum(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + Math.round(v * 1e6), 0) / 1e6;
}

const GRANTED = "table3.naturalPerson.results.granted";
const GRANTED_TOTAL = "table3.total.results.granted";
const FEES = "table2.fees.amountWanYuan";

describe.each(FORMATS)("%s: summing generated consistent reports", (format) => {
  const cells = listCells(format);
  const countyReport = zeroReport(format, 2023, "county");
  const partsArb = fc.array(consistentTablesArb(format), { minLength: 1, maxLength: 5 });
  const ownArb = fc.option(consistentTablesArb(format), { nil: undefined });

  it("equals the cell-by-cell sum of the own figures and the parts, totals included", () => {
    fc.assert(
      fc.property(partsArb, ownArb, (tablesList, own) => {
        const { tables, blanks, incompatible, recomputedTotals } = sumTables(format, partsOf(format, tablesList), own);
        const contributors = own ? [own, ...tablesList] : tablesList;
        for (const cell of cells) {
          const addends = contributors.map((t) => getTableValue(t, cell.id) as number);
          expect(getTableValue(tables, cell.id)).toBe(exactSum(addends));
        }
        expect(blanks).toEqual([]);
        expect(incompatible).toEqual([]);
        expect(recomputedTotals).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("the rule engine finds no error in a sum of consistent reports", () => {
    fc.assert(
      fc.property(partsArb, ownArb, (tablesList, own) => {
        const { tables } = sumTables(format, partsOf(format, tablesList), own);
        const errors = checkReport(format, reportWith(countyReport, tables)).filter((f) => f.severity === "error");
        expect(errors).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("every cell's breakdown lists each contributor's value and adds up to the cell", () => {
    fc.assert(
      fc.property(partsArb, consistentTablesArb(format), (tablesList, own) => {
        const parts = partsOf(format, tablesList);
        const { tables, breakdown } = sumTables(format, parts, own);
        expect(breakdown.contributors).toEqual([{ id: OWN_CONTRIBUTOR_ID, label: "本级" }, ...parts.map(({ id, label }) => ({ id, label }))]);
        for (const cell of cells) {
          const rows = cellBreakdown(breakdown, cell.id);
          expect(rows.map((r) => r.value)).toEqual([own, ...tablesList].map((t) => getTableValue(t, cell.id)));
          expect(exactSum(rows.map((r) => r.value as number))).toBe(getTableValue(tables, cell.id));
        }
      }),
      { numRuns: 30 },
    );
  });

  it("never turns a blank into 0: a cell blank in any part is blank in the sum and reported", () => {
    const inputs = cells.filter((c) => !c.computed);
    fc.assert(
      fc.property(fc.array(messyTablesArb(format), { minLength: 1, maxLength: 4 }), (tablesList) => {
        const parts = partsOf(format, tablesList);
        const { tables, blanks } = sumTables(format, parts);
        const expected = parts.flatMap((part) => {
          const blank = inputs.filter((c) => getTableValue(part.tables, c.id) === null).map((c) => c.id);
          return blank.length > 0 ? [{ id: part.id, label: part.label, cells: blank }] : [];
        });
        expect(blanks).toEqual(expected);
        const blankInSome = new Set(expected.flatMap((b) => b.cells));
        for (const cell of inputs) expect(getTableValue(tables, cell.id) === null).toBe(blankInSome.has(cell.id));
      }),
      { numRuns: 40 },
    );
  });
});

describe("sumTables", () => {
  const part = (id: string, label: string, tables: ReportTables | undefined, format = "gov-2021"): SummationPart => ({ id, label, format, tables });

  it("adds the county's own figures to the units' figures and shows them first in the breakdown", () => {
    const own = withCells(zeroReport(), { [GRANTED]: 3, "table3.naturalPerson.newReceived": 3 }, true).tables;
    const unit = withCells(zeroReport(), { [GRANTED]: 2, "table3.naturalPerson.newReceived": 2 }, true).tables;
    const result = sumTables("gov-2021", [part("qingshi", "示例县青石镇", unit)], own, { ownLabel: "示例县人民政府本级" });
    expect(getTableValue(result.tables, GRANTED)).toBe(5);
    expect(getTableValue(result.tables, GRANTED_TOTAL)).toBe(5);
    expect(cellBreakdown(result.breakdown, GRANTED)).toEqual([
      { id: "own", label: "示例县人民政府本级", value: 3 },
      { id: "qingshi", label: "示例县青石镇", value: 2 },
    ]);
    expect(cellBreakdown(result.breakdown, GRANTED_TOTAL).map((r) => r.value)).toEqual([3, 2]);
    expect(cellBreakdown(result.breakdown, "table9.nothing")).toEqual([]);
    // Plain data: it can be sent to the browser as it is.
    expect(JSON.parse(JSON.stringify(result.breakdown))).toEqual(result.breakdown);
  });

  it("reports the county's own blank cells like a unit's", () => {
    const own = withCells(consistent2023(), { [FEES]: null }).tables;
    const result = sumTables("gov-2021", [part("a", "甲镇", consistent2023().tables)], own);
    expect(result.blanks).toEqual([{ id: OWN_CONTRIBUTOR_ID, label: "本级", cells: [FEES] }]);
    expect(getTableValue(result.tables, FEES)).toBeNull();
  });

  it("adds 万元 amounts without binary noise (0.1 + 0.2 → 0.3)", () => {
    const a = withCells(zeroReport(), { [FEES]: 0.1 }).tables;
    const b = withCells(zeroReport(), { [FEES]: 0.2 }).tables;
    const c = withCells(zeroReport(), { [FEES]: 190.457379 }).tables;
    expect(getTableValue(sumTables("gov-2021", [part("a", "甲镇", a), part("b", "乙镇", b)]).tables, FEES)).toBe(0.3);
    expect(getTableValue(sumTables("gov-2021", [part("a", "甲镇", a), part("c", "丙镇", c)]).tables, FEES)).toBe(190.557379);
  });

  it("leaves a cell blank in a unit's report blank in the sum, names the unit, and the rule engine shows it as blank", () => {
    const complete = consistent2023().tables;
    const withBlank = withCells(consistent2023(), { [GRANTED]: null }).tables;
    const result = sumTables("gov-2021", [part("a", "甲镇", complete), part("b", "乙镇", withBlank)], complete);
    expect(result.blanks).toEqual([{ id: "b", label: "乙镇", cells: [GRANTED] }]);
    expect(getTableValue(result.tables, GRANTED)).toBeNull();
    expect(getTableValue(result.tables, GRANTED_TOTAL)).toBeNull();
    expect(cellBreakdown(result.breakdown, GRANTED).map((r) => r.value)).toEqual([6, 6, null]);
    const v0 = checkReport("gov-2021", reportWith(zeroReport("gov-2021", 2023, "county"), result.tables)).filter((f) => f.ruleId === "V0");
    expect(v0.map((f) => f.cells[0])).toEqual([GRANTED]);
  });

  it("counts a table missing from a unit's report as blank cells, not zeros", () => {
    const { table2, table3 } = consistent2023().tables ?? {};
    const withoutTable4: ReportTables = { table2: table2 ?? {}, table3: table3 ?? {} };
    const result = sumTables("gov-2021", [part("a", "甲镇", consistent2023().tables ?? {}), part("b", "乙镇", withoutTable4)]);
    const table4Inputs = listCells("gov-2021").filter((c) => c.tableId === "table4" && !c.computed).map((c) => c.id);
    expect(result.blanks).toEqual([{ id: "b", label: "乙镇", cells: table4Inputs }]);
    for (const id of table4Inputs) expect(getTableValue(result.tables, id)).toBeNull();
  });

  it("refuses a 2019 trial-format report in a 2021 汇总 and a free-form one, with the reason, and sums the rest", () => {
    const good = consistent2023().tables ?? {};
    const trial = zeroReport("gov-2019-trial").tables ?? {};
    const result = sumTables("gov-2021", [
      part("a", "甲镇", good),
      part("old", "夜郎镇", trial, "gov-2019-trial"),
      part("free", "螅镇", {}, "legacy-freeform"),
      part("odd", "某镇", good, "gov-2030"),
    ]);
    expect(result.incompatible.map((p) => p.id)).toEqual(["old", "free", "odd"]);
    expect(result.incompatible[0]?.reason).toBe(
      "该报告使用2019年试行格式（国办公开办函〔2019〕60号），其统计表与2021年版格式（国办公开办函〔2021〕30号）的栏目不同，不能逐格相加；请该单位按2021年版格式（国办公开办函〔2021〕30号）更正后再汇总",
    );
    expect(result.incompatible[1]?.reason).toContain("没有统一的统计表");
    expect(result.incompatible[2]?.reason).toBe("无法识别该报告的格式，不能计入汇总");
    expect(result.breakdown.contributors.map((c) => c.id)).toEqual(["a"]);
    expect(result.tables).toEqual(good);
  });

  it("sums a unit's input cells, not its wrongly typed total, and names the unit whose total was not used", () => {
    const wrong = setTableValue(consistent2023().tables, GRANTED_TOTAL, 99);
    const result = sumTables("gov-2021", [part("a", "甲镇", consistent2023().tables ?? {}), part("b", "乙镇", wrong)]);
    expect(getTableValue(result.tables, GRANTED_TOTAL)).toBe(2 * (getTableValue(consistent2023().tables, GRANTED_TOTAL) as number));
    expect(result.recomputedTotals).toEqual([{ id: "b", label: "乙镇", cells: [GRANTED_TOTAL] }]);
  });

  it("gives zeros when nothing is summed, and refuses two parts with the same id", () => {
    const empty = sumTables("gov-2021", []);
    expect(listCells("gov-2021").every((c) => getTableValue(empty.tables, c.id) === 0)).toBe(true);
    const t = consistent2023().tables ?? {};
    expect(() => sumTables("gov-2021", [part("a", "甲镇", t), part("a", "甲镇", t)])).toThrow(/duplicate/);
  });

  it("sums 200 units' reports quickly", () => {
    const sample = fc.sample(consistentTablesArb("gov-2021"), { numRuns: 200, seed: 14 });
    const parts = partsOf("gov-2021", sample);
    let result = sumTables("gov-2021", parts, sample[0]); // warm up (compiled format, cell index)
    let best = Infinity;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      result = sumTables("gov-2021", parts, sample[0]);
      best = Math.min(best, performance.now() - started);
    }
    console.info(`sumTables: 200 units in ${best.toFixed(1)} ms (best of 5)`);
    expect(result.breakdown.contributors).toHaveLength(201);
    // About 8 ms once warm (20–70 ms for the first call on a loaded 2-core machine); the bound
    // leaves room for a busy test machine and still catches work growing faster than the input.
    expect(best).toBeLessThan(150);
  });
});
