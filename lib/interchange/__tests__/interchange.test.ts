import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listCells } from "@/lib/formats";
import {
  blankCells,
  createEmptyReport,
  emptyTables,
  getCell,
  isReportParseError,
  parseReportDocument,
  parseReportJson,
  safeParseReportDocument,
  serializeReportDocument,
  setCell,
  setTableValue,
  setTableValues,
  type CellValue,
  type ReportDocument,
  type ReportTables,
} from "@/lib/interchange";

const unit = { name: "示例县青石镇人民政府", orgCode: "11339999MB0A12318P", kind: "township" as const };

/** Untyped JSON, so tests can break documents in arbitrary ways. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A plain JSON copy of a fresh gov-2021 report, for mutation in tests. */
function json(format: "gov-2021" | "gov-2019-trial" | "legacy-freeform" = "gov-2021"): Json {
  return JSON.parse(JSON.stringify(createEmptyReport({ format, year: 2024, unit })));
}

function problem(input: unknown): { path: string; message: string } {
  const result = parseReportDocument(input);
  if (!isReportParseError(result)) throw new Error("expected a parse error");
  return result;
}

describe("emptyTables", () => {
  it("has every cell of the format, all null", () => {
    for (const format of ["gov-2021", "gov-2019-trial"] as const) {
      const doc = { tables: emptyTables(format) };
      for (const cell of listCells(format)) expect(getCell(doc, cell.id)).toBeNull();
    }
    const tables = emptyTables("gov-2021");
    expect(Object.keys(tables)).toEqual(["table2", "table3", "table4"]);
    expect(Object.keys(tables.table3 ?? {})).toEqual(["naturalPerson", "commercial", "research", "social", "legal", "otherOrg", "total"]);
    expect(emptyTables("legacy-freeform")).toEqual({});
  });
});

describe("parseReportDocument", () => {
  it("accepts new reports of every format", () => {
    for (const format of ["gov-2021", "gov-2019-trial", "legacy-freeform"] as const) {
      const result = parseReportDocument(json(format));
      expect(isReportParseError(result)).toBe(false);
    }
  });

  it("lets well-formed but wrong values through to the rule engine", () => {
    const input = json();
    input.tables.table3.total.newReceived = -3;
    input.tables.table3.naturalPerson.newReceived = 1.5;
    input.tables.table2.fees.amountWanYuan = 1.1234567;
    const result = parseReportDocument(input);
    if (isReportParseError(result)) throw new Error(result.message);
    expect(getCell(result, "table3.total.newReceived")).toBe(-3);
    expect(getCell(result, "table2.fees.amountWanYuan")).toBe(1.1234567);
  });

  it("names the path of the first problem", () => {
    const cases: [(doc: Json) => unknown, string, string][] = [
      [(d) => ((d.tables.table3.total.results.denied = "x"), d), "tables.table3.total.results.denied", "expected object"],
      [(d) => (delete d.tables.table3.total.results.denied, d), "tables.table3.total.results.denied", "expected object"],
      [(d) => ((d.tables.table3.naturalPerson.carriedOver = "3"), d), "tables.table3.naturalPerson.carriedOver", "expected number or null"],
      [(d) => (delete d.tables.table4.review.total, d), "tables.table4.review.total", "expected number or null"],
      [(d) => (delete d.tables, d), "tables", "expected object"],
      [(d) => ((d.schema = "nianbao-report/2"), d), "schema", 'expected "nianbao-report/1"'],
      [(d) => ((d.format = "gov-2020"), d), "format", 'expected one of "gov-2021", "gov-2019-trial", "legacy-freeform"'],
      [(d) => ((d.year = 2024.5), d), "year", "expected integer year"],
      [
        (d) => ((d.unit.kind = "village"), d),
        "unit.kind",
        'expected one of "province", "city", "county", "development_zone", "township", "subdistrict", "department"',
      ],
      [(d) => ((d.sections[1].html = 3), d), "sections.1.html", "expected string"],
      [(d) => ((d.metadata.publishedAt = 5), d), "metadata.publishedAt", "expected string or null"],
      [
        (d) => (d.sections.push({ key: "overview", heading: "", html: "" }), d),
        "sections.3.key",
        'duplicate section key "overview"',
      ],
      [
        (d) => ((d.attachments = [{ title: "附表", columns: ["内容", "数量"], rows: [["a"]] }]), d),
        "attachments.0.rows.0",
        "expected 2 cells",
      ],
      [() => [], "", "expected object"],
      [() => null, "", "expected object"],
    ];
    for (const [mutate, path, message] of cases) expect(problem(mutate(json()))).toEqual({ path, message });
  });

  it("accepts a legacy document without tables and with attachments and a signature", () => {
    const input = json("legacy-freeform");
    input.sections = [{ key: "intro", heading: "", html: "<p>引言</p>" }];
    input.attachments = [{ title: "(二)依申请公开情况(无)", columns: [], rows: [] }];
    input.signature = { issuer: "河桥镇人民政府", date: "2018年4月6日" };
    const result = safeParseReportDocument(input);
    expect(result.ok && result.document.signature).toEqual({ issuer: "河桥镇人民政府", date: "2018年4月6日" });
  });

  it("drops unknown keys and fills defaults", () => {
    const input = json();
    input.extra = 1;
    input.tables.table3.total.extra = 2;
    delete input.metadata;
    delete input.attachments;
    const result = parseReportDocument(input);
    if (isReportParseError(result)) throw new Error(result.message);
    expect("extra" in result).toBe(false);
    expect(result.metadata).toEqual({});
    expect(result.attachments).toEqual([]);
  });

  it("reports JSON syntax errors at the document level", () => {
    const result = parseReportJson('{"schema": ');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.path).toBe("");
      expect(result.error.message).toMatch(/^not valid JSON: /);
    }
  });
});

describe("round trip", () => {
  it("serialize → parse gives the same document", () => {
    const cells = listCells("gov-2021");
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(null), fc.nat({ max: 1000 }), fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true })), {
          minLength: cells.length,
          maxLength: cells.length,
        }),
        fc.string(),
        (values, html) => {
          let doc: ReportDocument = createEmptyReport({ format: "gov-2021", year: 2023, unit });
          cells.forEach((c, i) => {
            doc = setCell(doc, c.id, values[i] ?? null);
          });
          doc = { ...doc, sections: [{ key: "overview", heading: "一、总体情况", html }] };
          const again = parseReportJson(serializeReportDocument(doc));
          expect(again.ok && again.document).toEqual(JSON.parse(JSON.stringify(doc)));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe("getCell / setCell", () => {
  it("reads and writes by cell id without mutating the input", () => {
    const doc = createEmptyReport({ format: "gov-2021", year: 2024, unit });
    const next = setCell(doc, "table3.total.results.totalProcessed", 7);
    expect(getCell(next, "table3.total.results.totalProcessed")).toBe(7);
    expect(getCell(doc, "table3.total.results.totalProcessed")).toBeNull();
    expect(next.tables?.table2).toBe(doc.tables?.table2);
    expect(getCell(doc, "table3.total.nope")).toBeUndefined();
    expect(() => setCell(doc, "table3.total.nope", 1)).toThrow(/unknown cell/);
    expect(blankCells(next)).toHaveLength(listCells("gov-2021").length - 1);
  });

  it("sets many cells at once exactly as one at a time, without mutating the input", () => {
    const ids = listCells("gov-2021").map((c) => c.id);
    const value = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 1000 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...ids), value), { maxLength: 60 }), fc.boolean(), (entries, fromEmpty) => {
        const start: ReportTables | undefined = fromEmpty ? undefined : createEmptyReport({ format: "gov-2021", year: 2024, unit }).tables;
        const before = JSON.stringify(start);
        const oneByOne = entries.reduce<ReportTables | undefined>((tables, [id, v]) => setTableValue(tables, id, v as CellValue), start);
        const together = setTableValues(start, entries as [string, CellValue][]);
        expect(JSON.stringify(together)).toBe(JSON.stringify(oneByOne ?? {}));
        expect(JSON.stringify(start)).toBe(before);
        if (start && !entries.some(([id]) => id.startsWith("table2."))) expect(together.table2).toBe(start.table2);
      }),
      { numRuns: 200 },
    );
  });

  it("creates reports with the format's narrative sections", () => {
    const doc = createEmptyReport({ format: "gov-2021", year: 2024, unit });
    expect(doc.sections.map((s) => [s.key, s.heading])).toEqual([
      ["overview", "一、总体情况"],
      ["problems", "五、存在的主要问题及改进情况"],
      ["other", "六、其他需要报告的事项"],
    ]);
    expect(doc.title).toBe("示例县青石镇人民政府2024年政府信息公开工作年度报告");
  });
});
