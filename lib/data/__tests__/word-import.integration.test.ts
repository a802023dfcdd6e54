/**
 * 「从 Word 导入」 and 「导出 Word（审阅稿）」 through the data layer (lib/data/word.ts), and the
 * archive CLI's .docx path: a clerk previews (nothing stored), confirms (sections and tables
 * stored as new revisions, one audit row), others are refused with nothing changed.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { getReportForEditing } from "@/lib/data/reports";
import { saveSection } from "@/lib/data/sections";
import { applyWordImport, previewWordImport, reviewCopyDocx } from "@/lib/data/word";
import { getTableValue } from "@/lib/interchange";
import { actAs, addTownship, audited, dataTables, refusal, seedFixture, written } from "@/lib/testing/integration-db";
import { draftReport, submittedReport } from "@/lib/testing/report-flows";
import { FIXTURE_BLANK_CELLS, fixtureTables } from "@/scripts/lib/township-word-file";

const f = await seedFixture();
const FIXTURE = path.join(process.cwd(), "lib", "word-import", "__tests__", "fixtures", "township-report.docx");
const upload = (name = "青石镇2023年报.docx", bytes: Uint8Array = fs.readFileSync(FIXTURE)) => new File([new Uint8Array(bytes)], name);

describe("a clerk imports a Word file into a draft", () => {
  it("shows the result without storing anything, then stores the chosen parts on confirm", async () => {
    const reportId = await draftReport(f.qingshi);
    const before = await getReportForEditing(reportId);
    await saveSection({ reportId, sectionKey: "problems", baseVersion: before.sections.find((s) => s.key === "problems")!.version, html: "<p>原来写的问题。</p>" });

    const tablesBefore = dataTables();
    const preview = await previewWordImport(reportId, upload());
    expect(dataTables()).toEqual(tablesBefore);
    expect(preview.parts.map((p) => [p.key, p.hasContent])).toEqual([
      ["preamble", false],
      ["overview", false],
      ["proactive", false],
      ["applications", expect.any(Boolean)],
      ["reviewLitigation", false],
      ["problems", true],
      ["other", false],
    ]);
    expect(preview.result.unplaced).toHaveLength(1);

    const { audit } = await written(() => applyWordImport(reportId, upload(), ["overview", "applications", "reviewLitigation", "other"]));
    expect(audit).toEqual([audited(f.qingshi.clerk, "report.word_import", { target: ["report", reportId], details: { fileName: "青石镇2023年报.docx", sections: ["overview", "applications", "reviewLitigation", "other"] } })]);
    const after = await getReportForEditing(reportId);
    const section = (key: string) => after.sections.find((s) => s.key === key)!;
    const html = (key: string) => {
      const s = section(key);
      return s.kind === "narrative" ? s.html : null;
    };
    expect(html("overview")).toContain("<h3>（一）主动公开</h3>");
    expect(html("problems")).toBe("<p>原来写的问题。</p>");
    const expected = fixtureTables();
    // Cells read from the file (totals are computed again on save, as for every save).
    for (const id of ["table3.naturalPerson.newReceived", "table3.legal.results.denied.processInfo", "table4.review.total", ...FIXTURE_BLANK_CELLS]) {
      const tableId = id.split(".")[0]!;
      const table = section(tableId === "table3" ? "applications" : "reviewLitigation");
      const cells = table.kind === "table" ? table.cells : null;
      expect(getTableValue({ [tableId]: cells! }, id), id).toBe(getTableValue(expected, id));
    }
    // Table 二 was not chosen: untouched.
    expect(section("proactive").version).toBe(before.sections.find((s) => s.key === "proactive")!.version);
  });

  it("refuses bad files at the field and everyone but the unit's clerk on a draft", async () => {
    const reportId = await draftReport(f.liuxi);
    await expect(previewWordImport(reportId, upload("旧年报.doc", new Uint8Array([1, 2, 3])))).rejects.toMatchObject({ fieldErrors: { file: expect.stringMatching(/另存为 .docx/) } });
    await expect(previewWordImport(reportId, upload("报告.docx", new TextEncoder().encode("not a zip")))).rejects.toMatchObject({ fieldErrors: { file: expect.stringMatching(/不是 Word 文档/) } });
    await expect(previewWordImport(reportId, null)).rejects.toMatchObject({ fieldErrors: { file: expect.stringMatching(/请选择/) } });
    await actAs(f.liuxi.leader);
    expect((await refusal(() => applyWordImport(reportId, upload(), ["overview"]))).error.code).toBe("forbidden");
    await actAs(f.qingshi.clerk);
    expect((await refusal(() => applyWordImport(reportId, upload(), ["overview"]))).error.code).toBe("not_found");
    const submitted = await submittedReport(await addTownship("白沙乡"));
    expect((await refusal(() => previewWordImport(submitted, upload()))).error.code).toBe("forbidden");
  });
});

describe("导出 Word（审阅稿）", () => {
  it("gives the unit's clerks and leaders a .docx marked 审阅稿 with the findings, and nobody else", async () => {
    const town = await addTownship("东岭镇");
    const reportId = await draftReport(town);
    const { title } = await getReportForEditing(reportId);
    const response = await reviewCopyDocx(reportId);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="report-${reportId}-review-copy.docx"; filename*=UTF-8''${encodeURIComponent(`${title}（审阅稿）.docx`).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await response.arrayBuffer()) })).value;
    expect(text).toContain("附：年报体检结果");
    expect(text).toMatch(/未填 \d+ 格/);
    await actAs(town.leader);
    expect((await reviewCopyDocx(reportId)).status).toBe(200);
    await actAs(f.liuxi.clerk);
    expect((await refusal(() => reviewCopyDocx(reportId))).error.code).toBe("not_found");
  });
});

describe("npm run report:import -- file.docx --unit --year", () => {
  it("stores the Word file as a draft of that year and prints what could not be placed", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-word-cli-"));
    // The CLI on a SQLite file of its own, also in the project integration-pg (DATABASE_URL emptied).
    const env = { ...process.env, DATABASE_PATH: path.join(dir, "cli.db"), DATABASE_URL: "" };
    const db = path.join(dir, "cli.db");
    // A unit to import into: the migrations create the schema, the CLI needs the unit.
    const setup = spawnSync("node_modules/.bin/tsx", ["-e", `
      const { openDatabase } = require("./db/client"); const { migrateDatabase } = require("./db/migrate");
      const d = openDatabase(${JSON.stringify(db)}); migrateDatabase(d);
      d.$client.prepare("insert into units (name, short_name, kind, org_code) values ('示例县青石镇人民政府', '青石镇', 'township', 'NB0000019')").run();
      d.$client.close();`], { env, encoding: "utf8", timeout: 60_000 });
    expect(setup.status, setup.stderr).toBe(0);
    const run = spawnSync("node_modules/.bin/tsx", ["scripts/report-import.ts", FIXTURE, "--unit", "NB0000019", "--year", "2023"], { env, encoding: "utf8", timeout: 90_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "draft" });
    expect(run.stderr).toContain("未能导入：「三、收到和处理政府信息公开申请情况」下的文字");
    const noYear = spawnSync("node_modules/.bin/tsx", ["scripts/report-import.ts", FIXTURE, "--unit", "NB0000019"], { env, encoding: "utf8", timeout: 60_000 });
    expect(noYear.status).toBe(2);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
