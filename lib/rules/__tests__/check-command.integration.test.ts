import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { serializeReportDocument, type ReportDocument } from "@/lib/interchange";
import { parseCheckArgs, runCheckCommand } from "@/lib/rules";
import { checkWithText } from "@/lib/rules/check-command";
import { consistent2022, consistent2023, withCells } from "./fixtures";

// Section 五 as a township writes it; copied below into another unit's report and into last year's.
const PROBLEMS_HTML =
  "<h3>（二）存在的主要问题</h3><p>上年度报告所列问题已全部整改。一是主动公开的及时性有待提高，部分惠民政策在出台后3个工作日内未能及时公开；二是政策解读形式较为单一，以文字解读为主，图解、视频解读仅2次；三是村级公开不够规范，12个行政村中有4个村的公开栏更新不及时。</p>";
const OWN_HTML =
  "<p>针对上一年度报告指出的问题，本年度已逐项落实整改。对照全县政务公开考核细则，我镇在重点领域信息公开方面仍有短板：征地拆迁补偿标准公开不够细化，群众来电咨询较多；财政预决算说明过于简略，表格与文字说明衔接不紧。</p>";

function withProblems(doc: ReportDocument, html: string): ReportDocument {
  return { ...doc, sections: doc.sections.map((s) => (s.key === "problems" ? { ...s, html } : s)) };
}

/** Another township's 2023 report. */
function otherUnit(html: string): ReportDocument {
  const doc = withProblems(consistent2023(), html);
  return { ...doc, unit: { ...doc.unit, name: "示例县柳溪镇人民政府", orgCode: "11339999MB0A12326K" } };
}

const root = process.cwd();
const tsx = join(root, "node_modules", ".bin", "tsx");

function runScript(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(tsx, [join(root, "scripts", "report-check.ts"), ...args], { cwd: root, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("parseCheckArgs", () => {
  it("reads the file and --previous", () => {
    expect(parseCheckArgs(["a.json"])).toEqual({ file: "a.json" });
    expect(parseCheckArgs(["a.json", "--previous", "b.json"])).toEqual({ file: "a.json", previous: "b.json" });
    expect(parseCheckArgs(["--previous=b.json", "a.json"])).toEqual({ file: "a.json", previous: "b.json" });
    expect(parseCheckArgs([])).toHaveProperty("error");
    expect(parseCheckArgs(["a.json", "--previous"])).toHaveProperty("error");
    expect(parseCheckArgs(["a.json", "--strict"])).toHaveProperty("error");
  });

  it("reads --compare repeated, with several files, or with =", () => {
    expect(parseCheckArgs(["a.json", "--compare", "b.json", "--compare", "c.json"])).toEqual({ file: "a.json", compare: ["b.json", "c.json"] });
    expect(parseCheckArgs(["a.json", "--compare", "b.json", "c.json", "--previous", "p.json"])).toEqual({
      file: "a.json",
      previous: "p.json",
      compare: ["b.json", "c.json"],
    });
    expect(parseCheckArgs(["--compare=b.json", "a.json", "--compare", "c.json", "d.json"])).toEqual({ file: "a.json", compare: ["b.json", "c.json", "d.json"] });
    expect(parseCheckArgs(["a.json", "--compare"])).toHaveProperty("error");
    expect(parseCheckArgs(["a.json", "--compare", "--previous", "p.json"])).toHaveProperty("error");
    // Files after --compare are compared, so the report itself must come first.
    expect(parseCheckArgs(["--compare", "b.json", "a.json"])).toHaveProperty("error");
  });
});

describe("checkWithText (X-5 next to the other rules)", () => {
  const sectionIndex = (doc: ReportDocument) => doc.sections.findIndex((s) => s.key === "problems");

  it("warns about a section copied from another unit, after the rule engine's findings", () => {
    const mine = withProblems(consistent2023(), PROBLEMS_HTML);
    const findings = checkWithText(mine, null, [{ id: "liuxi.json", doc: otherUnit(PROBLEMS_HTML) }]);
    expect(findings).toEqual([
      {
        ruleId: "X-5",
        severity: "warning",
        cells: [],
        path: `sections.${sectionIndex(mine)}.html`,
        message: "本节 100% 的文字与示例县柳溪镇人民政府2023年度报告相同，请结合本单位实际情况撰写",
        copied: { percent: 100, sourceId: "liuxi.json", sourceLabel: "示例县柳溪镇人民政府2023年度报告", sourceSectionKey: "problems" },
      },
    ]);
    expect(checkWithText(withProblems(consistent2023(), OWN_HTML), null, [{ id: "liuxi.json", doc: otherUnit(PROBLEMS_HTML) }])).toEqual([]);
  });

  it("compares with last year's report of the same unit only", () => {
    const mine = withProblems(consistent2023(), PROBLEMS_HTML.replace("12个", "14个"));
    const lastYear = withProblems(consistent2022(), PROBLEMS_HTML);
    const findings = checkWithText(mine, { id: "2022.json", doc: lastYear });
    expect(findings.map((f) => f.ruleId)).toEqual(["X-5"]);
    expect(findings[0]?.message).toBe("本节 100% 的文字与本单位2022年度报告相同，请结合本年度实际情况撰写");
    const otherUnitsLastYear = { ...lastYear, unit: { ...lastYear.unit, orgCode: "11339999MB0A12326K" } };
    expect(checkWithText(mine, { id: "x.json", doc: otherUnitsLastYear }).filter((f) => f.ruleId === "X-5")).toEqual([]);
  });
});

describe("runCheckCommand", () => {
  it("exits 0 with no errors and prints the findings as JSON", () => {
    const result = runCheckCommand(
      { name: "a.json", text: serializeReportDocument(consistent2023()) },
      { name: "b.json", text: serializeReportDocument(withCells(consistent2022(), { "table3.naturalPerson.carriedForward": 5 }, true)) },
    );
    expect(result.exitCode).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.errors).toEqual([]);
    expect(out.warnings.map((f: { ruleId: string }) => f.ruleId)).toEqual(["R3-5", "R3-5"]);
  });

  it("exits 2 for a --previous file that is not a document", () => {
    const result = runCheckCommand({ name: "a.json", text: serializeReportDocument(consistent2023()) }, { name: "b.json", text: "[]" });
    expect(result).toEqual({ exitCode: 2, stdout: "", stderr: "--previous b.json: expected object\n" });
  });

  it("lists X-5 findings from --compare files in the warnings, skipping the report itself", () => {
    const mine = { name: "mine.json", text: serializeReportDocument(withProblems(consistent2023(), PROBLEMS_HTML)) };
    const result = runCheckCommand(mine, undefined, [{ name: "liuxi.json", text: serializeReportDocument(otherUnit(PROBLEMS_HTML)) }, mine]);
    expect(result.exitCode).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.warnings.map((f: { ruleId: string; copied?: { sourceId: string } }) => [f.ruleId, f.copied?.sourceId])).toEqual([["X-5", "liuxi.json"]]);
    expect(result.stderr).toBe("note: --compare mine.json is the checked report itself, not compared\n");
  });

  it("exits 2 for a --compare file that is not a document", () => {
    const result = runCheckCommand({ name: "a.json", text: serializeReportDocument(consistent2023()) }, undefined, [{ name: "c.json", text: "{" }]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^--compare c\.json: /);
  });

  it("exits 2 for an unreadable file", () => {
    expect(runCheckCommand({ name: "x.json", readError: "ENOENT" })).toEqual({
      exitCode: 2,
      stdout: "",
      stderr: "cannot read x.json: ENOENT\n",
    });
  });
});

describe("scripts/report-check.ts (real process)", () => {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-check-"));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("exits 0 on a consistent file", () => {
    const result = runScript(file("ok.json", serializeReportDocument(consistent2023())));
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ errors: [], warnings: [] });
    expect(result.stderr).toBe("");
  }, 30_000);

  it("exits 1 on rule errors and lists them", () => {
    const bad = withCells(consistent2023(), { "table3.naturalPerson.results.totalProcessed": 11 });
    const previous = file("prev.json", serializeReportDocument(consistent2022()));
    const result = runScript(file("bad.json", serializeReportDocument(bad)), "--previous", previous);
    expect(result.status).toBe(1);
    const out = JSON.parse(result.stdout);
    expect(out.errors.map((f: { ruleId: string }) => f.ruleId)).toEqual(["R3-1", "R3-2", "R3-3"]);
    expect(out.errors[1]).toMatchObject({
      ruleId: "R3-2",
      severity: "error",
      expected: 12,
      actual: 11,
      message: "三、（七）总计·自然人 应为 12（各办理结果之和），现为 11",
    });
    expect(out.warnings).toEqual([]);
  }, 30_000);

  it("exits 2 on a malformed document and names the JSON path on stderr", () => {
    const doc = JSON.parse(serializeReportDocument(consistent2023()));
    doc.tables.table3.total.results.denied = 0;
    const result = runScript(file("malformed.json", JSON.stringify(doc)));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("tables.table3.total.results.denied: expected object\n");
  }, 30_000);

  it("exits 2 without a stack trace on invalid JSON, a missing file or no arguments", () => {
    for (const args of [[file("broken.json", "{")], [join(dir, "missing.json")], []]) {
      const result = runScript(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stderr.length).toBeGreaterThan(0);
    }
  }, 60_000);

  it("compares with the files given after --compare", () => {
    const mine = file("mine.json", serializeReportDocument(withProblems(consistent2023(), PROBLEMS_HTML)));
    const liuxi = file("liuxi.json", serializeReportDocument(otherUnit(PROBLEMS_HTML)));
    const unrelated = file("baisha.json", serializeReportDocument({ ...otherUnit(OWN_HTML), unit: { name: "示例县白沙镇人民政府", kind: "township" } }));
    const result = runScript(mine, "--compare", unrelated, liuxi);
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.warnings).toEqual([expect.objectContaining({ ruleId: "X-5", copied: expect.objectContaining({ percent: 100, sourceId: liuxi }) })]);
  }, 30_000);

  it("checks the committed demo reports", () => {
    const reports = join(root, "db", "seed", "reports");
    const result = runScript(join(reports, "liuxi-2023.json"), "--previous", join(reports, "liuxi-2022.json"));
    expect(result.status).toBe(0);
    expect(readFileSync(join(reports, "liuxi-2023.json"), "utf8").length).toBeGreaterThan(0);
  }, 30_000);
});
