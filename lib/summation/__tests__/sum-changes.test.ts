import { describe, expect, it } from "vitest";
import { consistent2023, withCells } from "@/lib/rules/__tests__/fixtures";
import { sumChanges, sumTables, type SummationPart } from "@/lib/summation";

const part = (id: string, label: string, tables: SummationPart["tables"]): SummationPart => ({ id, label, format: "gov-2021", tables });

describe("sumChanges", () => {
  it("shows nothing when a re-sum changes nothing", () => {
    const tables = sumTables("gov-2021", [part("a", "甲镇", consistent2023().tables)]).tables;
    expect(sumChanges(tables, sumTables("gov-2021", [part("a", "甲镇", consistent2023().tables)]).tables, "gov-2021")).toEqual([]);
  });

  it("lists the cells a unit's correction changed, with Chinese names and old and new values, totals included", () => {
    const others = part("a", "甲镇", consistent2023().tables);
    const published = part("b", "乙镇", consistent2023().tables);
    // 乙镇's correction: one more application received and granted, 0.25 万元 more fees.
    const corrected = part(
      "b",
      "乙镇",
      withCells(
        consistent2023(),
        { "table3.naturalPerson.newReceived": 12, "table3.naturalPerson.results.granted": 7, "table2.fees.amountWanYuan": 0.75 },
        true,
      ).tables,
    );
    const before = sumTables("gov-2021", [others, published]).tables;
    const after = sumTables("gov-2021", [others, corrected]).tables;
    expect(sumChanges(before, after, "gov-2021")).toEqual([
      { id: "table2.fees.amountWanYuan", name: "行政事业性收费·本年收费金额（万元）", computed: false, before: 1, after: 1.25 },
      { id: "table3.naturalPerson.newReceived", name: "一、本年新收政府信息公开申请数量·自然人", computed: false, before: 22, after: 23 },
      { id: "table3.total.newReceived", name: "一、本年新收政府信息公开申请数量·总计", computed: true, before: 28, after: 29 },
      { id: "table3.naturalPerson.results.granted", name: "三、（一）予以公开·自然人", computed: false, before: 12, after: 13 },
      { id: "table3.total.results.granted", name: "三、（一）予以公开·总计", computed: true, before: 16, after: 17 },
      { id: "table3.naturalPerson.results.totalProcessed", name: "三、（七）总计·自然人", computed: true, before: 24, after: 25 },
      { id: "table3.total.results.totalProcessed", name: "三、（七）总计·总计", computed: true, before: 30, after: 31 },
    ]);
  });

  it("shows a cell that became blank (a unit's figure withdrawn) as null", () => {
    const before = sumTables("gov-2021", [part("a", "甲镇", consistent2023().tables)]).tables;
    const after = sumTables("gov-2021", [part("a", "甲镇", withCells(consistent2023(), { "table4.review.correct": null }).tables)]).tables;
    expect(sumChanges(before, after, "gov-2021").map((c) => [c.id, c.before, c.after])).toEqual([
      ["table4.review.correct", 1, null],
      ["table4.review.total", 2, null],
    ]);
  });
});
