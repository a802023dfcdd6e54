import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CITY_UNITS, DEMO_UNITS } from "@/db/seed/units";
import { isReportParseError, parseReportDocument, serializeReportDocument, type ReportDocument } from "@/lib/interchange";
import { checkReport } from "@/lib/rules";
import { indexNoYear, parseChinaDateOrIso } from "@/lib/time";
import { isValidOrgCode } from "@/lib/validations/org-code";
import { generateDemoReports } from "@/scripts/lib/demo-reports";

const dir = join(process.cwd(), "db", "seed", "reports");
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

function load(name: string): ReportDocument {
  const parsed = parseReportDocument(JSON.parse(readFileSync(join(dir, name), "utf8")));
  if (isReportParseError(parsed)) throw new Error(`${name}: ${parsed.path}: ${parsed.message}`);
  return parsed;
}

describe("db/seed/reports", () => {
  it("contains the demo reports and the 2017 seed report", () => {
    expect(files).toEqual([
      "baisha-2022.json",
      "baisha-2023.json",
      "heqiao-2017.json",
      "liuxi-2022.json",
      "liuxi-2023.json",
      "liuxi-2024-draft.json",
      "qingshi-2022.json",
      "qingshi-2023.json",
      "qingshi-2024-draft.json",
    ]);
  });

  it.each(files)("%s is a valid nianbao-report/1 document", (name) => {
    expect(load(name).schema).toBe("nianbao-report/1");
  });

  it("published gov-2021 reports have no findings at all (with last year's report)", () => {
    const published = files.map((f) => [f, load(f)] as const).filter(([, d]) => d.format === "gov-2021" && d.metadata.publishedAt);
    expect(published).toHaveLength(6);
    for (const [name, doc] of published) {
      const previousName = name.replace(String(doc.year), String(doc.year - 1));
      const previous = files.includes(previousName) ? load(previousName) : undefined;
      expect(checkReport(doc.format, doc, previous), name).toEqual([]);
      expect(doc.title).toContain(String(doc.year));
      expect(doc.sections.map((s) => s.key)).toEqual(["preamble", "overview", "problems", "other"]);
    }
  });

  it("drafts are partly filled: blank cells and empty sections, only V0 errors", () => {
    for (const name of files.filter((f) => f.includes("draft"))) {
      const doc = load(name);
      expect(doc.metadata.publishedAt ?? null).toBeNull();
      const findings = checkReport(doc.format, doc, load(name.replace("2024-draft", "2023")));
      expect(findings.length).toBeGreaterThan(0);
      expect(new Set(findings.map((f) => f.ruleId))).toEqual(new Set(["V0"]));
      expect(doc.sections.some((s) => s.html === "")).toBe(true);
      expect(doc.sections.find((s) => s.key === "overview")?.html).toContain("（一）主动公开");
    }
  });

  it("published ones carry a 索引号 with the year of publication, as the app issues them", () => {
    for (const name of files) {
      const { metadata } = load(name);
      if (!metadata.publishedAt) continue;
      expect(metadata.indexNo, name).toMatch(new RegExp(`/${indexNoYear(parseChinaDateOrIso(metadata.publishedAt)!)}-\\d+$`));
    }
  });

  it("belong to the demo units, whose codes are valid", () => {
    const codes = new Set(DEMO_UNITS.map((u) => u.orgCode));
    for (const unit of [...DEMO_UNITS, ...CITY_UNITS]) expect(isValidOrgCode(unit.orgCode), unit.name).toBe(true);
    for (const name of files.filter((f) => !f.startsWith("heqiao"))) {
      const doc = load(name);
      expect(codes.has(doc.unit.orgCode ?? "")).toBe(true);
      expect(doc.unit.kind).toBe("township");
    }
  });

  it("are exactly what the deterministic generator writes", () => {
    for (const { fileName, document } of generateDemoReports()) {
      expect(readFileSync(join(dir, fileName), "utf8"), fileName).toBe(serializeReportDocument(document));
    }
  });

  it("heqiao-2017 reproduces the 2017 page as a legacy report with fictional contacts", () => {
    const doc = load("heqiao-2017.json");
    expect(doc).toMatchObject({
      format: "legacy-freeform",
      year: 2017,
      unit: { name: "杭州市临安区河桥镇人民政府", orgCode: "002509011", kind: "township" },
      title: "河桥镇2017年度信息公开工作报告",
      metadata: {
        indexNo: "002509011/2018-56405",
        disclosureMode: "主动公开",
        scope: "面向社会",
        retention: "长期公开",
        publisher: "河桥镇",
        writtenOn: "2018-04-24",
        publishedAt: "2018-04-24T17:02:00+08:00",
      },
      signature: { issuer: "杭州市临安区河桥镇人民政府", date: "2018年4月6日" },
    });
    expect(doc.sections.map((s) => s.heading)).toEqual([
      "",
      "一、2017年政务公开工作完成情况及成效",
      "二、工作存在的困难和问题",
      "三、2018年工作打算",
      "四、附表",
    ]);
    expect(doc.attachments.map((a) => [a.title, a.rows.length])).toEqual([
      ["(一)主动公开情况", 5],
      ["(二)依申请公开情况(无)", 0],
      ["(三)政务公开咨询情况", 4],
      ["(四)政务公开申诉情况(无)", 0],
      ["(五)政府信息送达公共查阅点情况(无)", 0],
      ["(六)政务公开目录和指南专栏设置情况", 2],
      ["(七)政务公开工作机构设置情况", 2],
      ["(八)违反《条例》、《规定》的情况(无)", 0],
    ]);
    expect(doc.attachments[2]?.columns).toEqual(["内容", "单位", "数量"]);
    expect(doc.attachments[2]?.rows[2]).toEqual(["现场接待人数", "人次", "1825"]);

    // Every paragraph and heading of the page is present verbatim (when shared/ is beside the repo).
    const seedPage = join(process.cwd(), "..", "shared", "seed", "heqiao-2017-report.txt");
    if (existsSync(seedPage)) {
      const page = readFileSync(seedPage, "utf8").split("\n").slice(12, 62);
      const text = doc.sections.map((s) => `${s.heading}${s.html}`).join("");
      for (const line of page.map((l) => l.trim()).filter(Boolean)) expect(text).toContain(line);
    }

    // The officials' real names and numbers are not copied.
    const raw = readFileSync(join(dir, "heqiao-2017.json"), "utf8");
    for (const personal of ["陈永华", "方少慧", "63614316", "13336100078", "63611066", "15355021926"]) {
      expect(raw).not.toContain(personal);
    }
    expect(doc.attachments[6]?.rows).toEqual([
      ["单位分管领导", "王建国", "党委委员", "63610000", "13800000000"],
      ["工作人员", "李晓梅", "党政办文书", "63610001", "13800000001"],
    ]);
  });
});
