import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { serializeReportDocument } from "@/lib/interchange";
import { parseCheckArgs, runCheckCommand } from "@/lib/rules";
import { consistent2022, consistent2023, withCells } from "./fixtures";

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

  it("checks the committed demo reports", () => {
    const reports = join(root, "db", "seed", "reports");
    const result = runScript(join(reports, "liuxi-2023.json"), "--previous", join(reports, "liuxi-2022.json"));
    expect(result.status).toBe(0);
    expect(readFileSync(join(reports, "liuxi-2023.json"), "utf8").length).toBeGreaterThan(0);
  }, 30_000);
});
