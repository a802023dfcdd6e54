import { describe, expect, it } from "vitest";
import { listCells } from "@/lib/formats";
import { createEmptyReport } from "@/lib/interchange";
import { checkReport, consequencesOf, countFindings, isListed, isMistake, likelyMistypedCell, type Finding } from "@/lib/rules";
import { consistent2023, withCells } from "./fixtures";

const NP_BALANCE = ["table3.naturalPerson.newReceived", "table3.naturalPerson.carriedOver", "table3.naturalPerson.results.totalProcessed", "table3.naturalPerson.carriedForward"];

/** A draft as the editor checks it: the computed cells hold their totals. */
const draftWith = (values: Record<string, number | null>) => withCells(consistent2023(), values, true);

describe("blank cells are counted apart from mistakes", () => {
  it("a new report has no errors, only blanks: one per input cell", () => {
    const doc = createEmptyReport({ format: "gov-2021", year: 2025, unit: { name: "青石镇", kind: "township" } });
    const findings = checkReport("gov-2021", doc);
    const inputCells = listCells("gov-2021").filter((c) => !c.computed).length;
    expect(countFindings(findings)).toEqual({ errors: 0, warnings: 0, blanks: inputCells });
    expect(findings.some(isMistake)).toBe(false);
    expect(findings.filter(isListed)).toEqual([]);
    // Still errors: submission refuses them (V0).
    expect(findings.every((f) => f.severity === "error")).toBe(true);
  });

  it("a wrong figure is a mistake next to the blanks", () => {
    const findings = checkReport("gov-2021", draftWith({ "table2.licensing.decisions": null, "table3.naturalPerson.carriedForward": 3 }));
    expect(countFindings(findings)).toEqual({ errors: 1, warnings: 0, blanks: 1 });
    expect(findings.filter(isMistake).map((f) => f.ruleId)).toEqual(["R3-1", "R3-1"]);
  });
});

describe("a consequence is grouped under its cause", () => {
  it("one wrong figure in the 自然人 column is one error; the 总计 column's balance is noted under it", () => {
    const findings = checkReport("gov-2021", draftWith({ "table3.naturalPerson.carriedForward": 3 }));
    expect(findings).toHaveLength(2);
    const listed = findings.filter(isListed);
    expect(listed.map((f) => f.cells)).toEqual([NP_BALANCE]);
    const [cause] = listed as [Finding];
    expect(consequencesOf(cause, findings).map((f) => f.message)).toEqual([expect.stringMatching(/^“总计”列：/)]);
    expect(countFindings(findings).errors).toBe(1);
  });

  it("two wrong columns are two errors; the 总计 column's balance goes under the first", () => {
    const findings = checkReport("gov-2021", draftWith({ "table3.naturalPerson.carriedForward": 3, "table3.commercial.newReceived": 5 }));
    const listed = findings.filter(isListed);
    expect(listed.map((f) => f.message.split("：")[0])).toEqual(["“自然人”列", "“商业企业”列"]);
    expect(consequencesOf(listed[0]!, findings)).toHaveLength(1);
    expect(consequencesOf(listed[1]!, findings)).toHaveLength(0);
    expect(countFindings(findings).errors).toBe(2);
  });

  it("a typed 总计 column that alone is wrong (an imported report) stays an error of its own", () => {
    const findings = checkReport("gov-2021", withCells(consistent2023(), { "table3.total.carriedForward": 9 }));
    const balance = findings.filter((f) => f.ruleId === "R3-1");
    expect(balance).toHaveLength(1);
    expect(balance.every(isListed)).toBe(true);
  });
});

describe("the cell the clerk most likely mistyped", () => {
  const balanceOf = (findings: Finding[]) => findings.find((f) => f.ruleId === "R3-1" && f.cells[0] === NP_BALANCE[0])!;

  it("is the cell typed last among those the finding adds up, even an outcome row behind （七）总计", () => {
    const doc = draftWith({ "table3.naturalPerson.results.granted": 7 });
    const finding = balanceOf(checkReport("gov-2021", doc));
    expect(likelyMistypedCell("gov-2021", finding, doc.tables, ["table3.naturalPerson.results.granted"])).toBe("table3.naturalPerson.results.granted");
    expect(
      likelyMistypedCell("gov-2021", finding, doc.tables, ["table3.naturalPerson.results.granted", "table3.naturalPerson.newReceived", "table2.licensing.decisions"]),
    ).toBe("table3.naturalPerson.newReceived");
  });

  it("without typing history, is the largest component (an extra digit), never 本年新收 or a total", () => {
    const slip = draftWith({ "table3.naturalPerson.results.granted": 60 });
    expect(likelyMistypedCell("gov-2021", balanceOf(checkReport("gov-2021", slip)), slip.tables)).toBe("table3.naturalPerson.results.granted");
    const carried = draftWith({ "table3.naturalPerson.carriedForward": 10 });
    expect(likelyMistypedCell("gov-2021", balanceOf(checkReport("gov-2021", carried)), carried.tables, ["table2.licensing.decisions"])).toBe(
      "table3.naturalPerson.carriedForward",
    );
    // 本年新收 typed too high: nothing typed says so, and the anchor is not the guess.
    const high = draftWith({ "table3.naturalPerson.newReceived": 40 });
    const guess = likelyMistypedCell("gov-2021", balanceOf(checkReport("gov-2021", high)), high.tables);
    expect(guess).not.toBe("table3.naturalPerson.newReceived");
    expect(guess).not.toBe("table3.naturalPerson.results.totalProcessed");
    expect(guess).toBe("table3.naturalPerson.results.granted");
  });

  it("is the cell itself for a one-cell finding, and a part rather than the total of a typed sum", () => {
    expect(likelyMistypedCell("gov-2021", { ruleId: "V0", cells: ["table2.licensing.decisions"] }, undefined)).toBe("table2.licensing.decisions");
    // The 总计 as typed stays; a part typed too high breaks it.
    const doc = withCells(consistent2023(), { "table4.review.correct": 5 });
    const finding = checkReport("gov-2021", doc).find((f) => f.ruleId === "R4-1")!;
    expect(likelyMistypedCell("gov-2021", finding, doc.tables)).toBe("table4.review.correct");
  });
});
