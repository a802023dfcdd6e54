import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db/client";
import { reports, reportSections, units } from "@/db/schema";
import { HOSTILE_STRINGS, TAUTOLOGIES } from "@/lib/testing/hostile-strings";

// The data layer is 'server-only'; outside Next that import would throw.
vi.mock("server-only", () => ({}));

/** Every public read, by what it serves (one scenario runs through them all). */
const loadPublicData = async () => ({
  ...(await import("../catalog")),
  ...(await import("../report")),
  ...(await import("../unit")),
  ...(await import("../search")),
  ...(await import("../open-data")),
  ...(await import("../feed")),
});
type PublicData = Awaited<ReturnType<typeof loadPublicData>>;
type Db = import("@/db/client").Db;

describe("what the public can read", () => {
  let dir: string;
  let pub: PublicData;
  let database: Db;
  const ids: Record<string, number> = {};

  const reportId = (unit: string, year: number): number => {
    const row = database
      .select({ id: reports.id })
      .from(reports)
      .innerJoin(units, eq(units.id, reports.unitId))
      .where(and(eq(units.shortName, unit), eq(reports.year, year)))
      .get();
    if (!row) throw new Error(`no report ${unit} ${year}`);
    return row.id;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-public-"));
    process.env.DATABASE_PATH = path.join(dir, "public.db");
    const { db } = await import("../../db");
    const { ARCHIVE_UNITS, DEMO_UNITS } = await import("@/db/seed/units");
    const { seedDemoReports } = await import("@/db/seed");
    database = db();
    const idByShort = new Map<string, number>();
    for (const unit of [...DEMO_UNITS, ...ARCHIVE_UNITS]) {
      const row = database
        .insert(units)
        .values({ name: unit.name, shortName: unit.shortName, kind: unit.kind, orgCode: unit.orgCode, parentId: unit.parent ? idByShort.get(unit.parent) : undefined })
        .returning({ id: units.id })
        .get();
      idByShort.set(unit.shortName, row.id);
    }
    await seedDemoReports(database);
    pub = await loadPublicData();
    ids.qingshi2022 = reportId("青石镇", 2022);
    ids.qingshi2023 = reportId("青石镇", 2023);
    ids.qingshiDraft = reportId("青石镇", 2024);
    ids.liuxi2023 = reportId("柳溪镇", 2023);
    ids.baisha2023 = reportId("白沙乡", 2023);
    ids.heqiao2017 = reportId("河桥镇", 2017);
  });

  afterAll(async () => {
    if (database) await closeDb(database);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("lists only published reports, newest first, with titles from their snapshots", async () => {
    const all = await pub.listPublishedReports({ page: 1 });
    expect(all.total).toBe(7);
    expect(all.items.map((r) => r.id)).not.toContain(ids.qingshiDraft);
    expect(all.items.every((r) => r.year !== 2024)).toBe(true);
    const times = all.items.map((r) => r.publishedAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(all.items.find((r) => r.id === ids.qingshi2023)).toMatchObject({
      title: "示例县青石镇人民政府2023年政府信息公开工作年度报告",
      indexNo: "11339999MB0A12318P/2024-00201",
      edition: 1,
    });

    const y2023 = await pub.listPublishedReports({ year: 2023, page: 1 });
    expect(y2023.total).toBe(3);
    const qingshi = await pub.listPublishedReports({ unitId: all.items.find((r) => r.id === ids.qingshi2023)!.unit.id, page: 1 });
    expect(qingshi.items.map((r) => r.year)).toEqual([2023, 2022]);
    const paged = await pub.listPublishedReports({ page: 99, pageSize: 3 });
    expect(paged).toMatchObject({ page: 3, pageCount: 3, total: 7 });
    expect(paged.items).toHaveLength(1);
    expect(await pub.listPublicYears()).toEqual([
      { year: 2023, count: 3 },
      { year: 2022, count: 3 },
      { year: 2017, count: 1 },
    ]);
  });

  it("never serves a draft: not by id, not as a file", async () => {
    expect(await pub.getPublicReport(ids.qingshiDraft!)).toBeNull();
    expect(await pub.getPublicEdition(ids.qingshiDraft!, 1)).toBeNull();
    expect(await pub.getPublicReportFile(ids.qingshiDraft!)).toBeNull();
    expect(await pub.getPublicReport(999_999)).toBeNull();
  });

  it("shows a report from its live snapshot, with last year's figures for comparison", async () => {
    const result = await pub.getPublicReport(ids.qingshi2023!);
    expect(result?.kind).toBe("live");
    if (result?.kind !== "live") return;
    const { report } = result;
    const seed = fs.readFileSync(path.join(process.cwd(), "db/seed/reports/qingshi-2023.json"), "utf8");
    expect(report.document.title).toBe(JSON.parse(seed).title);
    expect(report.isLive).toBe(true);
    expect(report.editions).toHaveLength(1);
    expect(report.figures).toMatchObject({ year: 2023, received: 28, granted: 16 });
    expect(report.previous).toMatchObject({ id: ids.qingshi2022, year: 2022, figures: { received: 23, granted: 11 } });
    expect(report.unitReports.map((r) => r.year)).toEqual([2023, 2022]);
    expect(report.viewCount).toBe(0);
  });

  it("ignores the working copy: a correction in progress stays invisible until published", async () => {
    const id = ids.qingshi2023!;
    database.update(reports).set({ status: "draft", title: "草稿标题" }).where(eq(reports.id, id)).run();
    database
      .update(reportSections)
      .set({ html: "<p>尚未发布的更正内容</p>" })
      .where(and(eq(reportSections.reportId, id), eq(reportSections.key, "other")))
      .run();
    const result = await pub.getPublicReport(id);
    if (result?.kind !== "live") throw new Error("expected live");
    expect(result.report.document.title).not.toBe("草稿标题");
    expect(JSON.stringify(result.report.document)).not.toContain("尚未发布的更正内容");
    const file = await pub.getPublicReportFile(id);
    if (file?.kind !== "live") throw new Error("expected live");
    expect(file.file.snapshot).not.toContain("尚未发布的更正内容");
    expect((await pub.searchPublishedReports({ q: "尚未发布的更正内容" })).total).toBe(0);
  });

  it("after a correction shows the new edition and keeps the earlier one readable", async () => {
    const id = ids.qingshi2023!;
    const { publishReport, sha256Hex } = await import("@/db/commands/publication");
    const { systemActor } = await import("@/db/actor");
    const published = await publishReport(database, systemActor("cli"), id, { at: new Date("2024-03-01T02:00:00Z"), from: ["draft"], changeNote: "更正了第六部分。" });
    expect(published.published).toBe(true);

    const live = await pub.getPublicReport(id);
    if (live?.kind !== "live") throw new Error("expected live");
    expect(live.report.editions.map((e) => e.edition)).toEqual([1, 2]);
    expect(live.report.edition).toMatchObject({ edition: 2, changeNote: "更正了第六部分。" });
    expect(JSON.stringify(live.report.document)).toContain("尚未发布的更正内容");
    expect(live.report.document.title).toBe("草稿标题");
    // The same search as before the correction (kept between requests) now finds it.
    expect((await pub.searchPublishedReports({ q: "尚未发布的更正内容" })).items.map((r) => r.id)).toEqual([id]);

    const first = await pub.getPublicEdition(id, 1);
    if (first?.kind !== "live") throw new Error("expected live");
    expect(first.report.isLive).toBe(false);
    expect(JSON.stringify(first.report.document)).not.toContain("尚未发布的更正内容");
    expect(await pub.getPublicEdition(id, 3)).toBeNull();

    const file = await pub.getPublicReportFile(id, 1);
    if (file?.kind !== "live") throw new Error("expected live");
    expect(sha256Hex(file.file.snapshot)).toBe(file.file.sha256);
    expect(file.file.sha256).toBe(first.report.edition.sha256);

    const feed = await pub.listFeedEntries();
    expect(feed[0]).toMatchObject({ id, edition: 2, changeNote: "更正了第六部分。" });
  });

  it("shows only the notice of a withdrawn report, and drops it from every list", async () => {
    const id = ids.baisha2023!;
    // Asked once before the withdrawal: the search results and the list's counts are kept
    // between requests, and the withdrawal must reach them.
    expect((await pub.searchPublishedReports({ q: "白沙乡" })).items.map((r) => r.id)).toContain(id);
    const before = await pub.listPublishedReports({ year: 2023 });
    const baishaUnit = before.items.find((r) => r.id === id)!.unit.id;
    const unitBefore = await pub.listPublishedReports({ unitId: baishaUnit });
    expect(unitBefore.items.map((r) => r.id)).toContain(id);
    // The search row is deliberately left in place: the data layer must not rely on it.
    database
      .update(reports)
      .set({ status: "withdrawn", withdrawnAt: new Date("2024-05-06T02:00:00Z"), withdrawReason: "数据口径需重新核实。" })
      .where(eq(reports.id, id))
      .run();
    const result = await pub.getPublicReport(id);
    expect(result).toMatchObject({ kind: "withdrawn", notice: { id, reason: "数据口径需重新核实。", year: 2023 } });
    expect(JSON.stringify(result)).not.toContain("总体情况");
    expect(await pub.getPublicEdition(id, 1)).toMatchObject({ kind: "withdrawn" });
    expect(await pub.getPublicReportFile(id)).toMatchObject({ kind: "withdrawn" });
    const after = await pub.listPublishedReports({ year: 2023 });
    expect(after.items.map((r) => r.id)).not.toContain(id);
    expect(after.total).toBe(before.total - 1);
    expect(await pub.listPublishedReports({ unitId: baishaUnit })).toMatchObject({ total: unitBefore.total - 1 });
    expect((await pub.listPublishedReports({ unitIds: [baishaUnit] })).total).toBe(unitBefore.total - 1);
    expect((await pub.searchPublishedReports({ q: "白沙乡" })).items.map((r) => r.id)).not.toContain(id);
    expect((await pub.listFeedEntries()).map((r) => r.id)).not.toContain(id);
    expect((await pub.listSitemapEntries()).reports.map((r) => r.id)).not.toContain(id);
    const table = await pub.openDataRows(2023);
    expect(table?.rows.map((r) => r[0])).not.toContain("示例县白沙乡人民政府");
  });

  it("searches phrases of 2 and 5 characters, never finds drafts, and survives hostile input", async () => {
    const two = await pub.searchPublishedReports({ q: "青石" });
    expect(two.mode).toBe("chars");
    expect(two.items.map((r) => r.id).sort()).toEqual([ids.qingshi2022, ids.qingshi2023].sort());
    expect(two.items[0]!.excerpt.some((s) => s.match && s.text === "青石")).toBe(true);

    const five = await pub.searchPublishedReports({ q: "石材产业转" });
    expect(five.mode).toBe("fts");
    expect(five.items.map((r) => r.id)).toContain(ids.qingshi2022);
    expect(five.items.map((r) => r.id)).not.toContain(ids.qingshiDraft);
    expect(five.items.flatMap((r) => r.excerpt).some((s) => s.match && s.text.includes("石材产业转"))).toBe(true);

    // Only in the 2024 draft.
    expect((await pub.searchPublishedReports({ q: "政府信息315条" })).total).toBe(0);

    for (const q of ['"', "*", "NEAR", "OR", "'; --", "a\"b*c OR NEAR(", "%", "_", "\u0000", "x".repeat(1000), "青".repeat(1000), ...HOSTILE_STRINGS]) {
      const result = await pub.searchPublishedReports({ q });
      expect(result.query.length).toBeLessThanOrEqual(100);
      expect(Array.isArray(result.items)).toBe(true);
      const filtered = await pub.searchPublishedReports({ q, year: 2023, page: 999_999 });
      expect(Array.isArray(filtered.items)).toBe(true);
    }
    for (const q of TAUTOLOGIES) expect((await pub.searchPublishedReports({ q })).total, q).toBe(0);
    expect((await pub.searchPublishedReports({ q: "   " })).mode).toBe("empty");

    const filtered = await pub.searchPublishedReports({ q: "青石", year: 2022 });
    expect(filtered.items.map((r) => r.id)).toEqual([ids.qingshi2022]);
    const qingshiUnit = (await pub.listPublishedReports({ year: 2022 })).items.find((r) => r.id === ids.qingshi2022)!.unit.id;
    const byUnit = await pub.searchPublishedReports({ q: "依申请公开", unitId: qingshiUnit });
    expect(byUnit.mode).toBe("fts");
    expect(byUnit.items.map((r) => r.id).sort()).toEqual([ids.qingshi2022, ids.qingshi2023].sort());
    expect(byUnit.items[0]!.excerpt.some((s) => s.match)).toBe(true);

    const punctuation = await pub.searchPublishedReports({ q: "“青" });
    expect(punctuation.mode).toBe("like");
    expect(punctuation.items.map((r) => r.id)).toContain(ids.qingshi2022);
    expect(punctuation.items[0]!.excerpt.some((s) => s.match && s.text === "“青")).toBe(true);
    // Punctuation alone is not searched.
    expect(await pub.searchPublishedReports({ q: "“" })).toMatchObject({ mode: "symbols", total: 0 });
    expect((await pub.searchPublishedReports({ q: "%" })).mode).toBe("symbols");

    const paged = await pub.searchPublishedReports({ q: "政府信息公开", pageSize: 2, page: 2 });
    expect(paged.page).toBe(2);
    expect(paged.items).toHaveLength(2);
    const first = await pub.searchPublishedReports({ q: "政府信息公开", pageSize: 2, page: 1 });
    expect(first.items.map((r) => r.id)).not.toContain(paged.items[0]!.id);
  });

  it("gives a unit's trend per year from its live reports", async () => {
    const all = await pub.listPublishedReports({ page: 1 });
    const liuxiUnit = all.items.find((r) => r.id === ids.liuxi2023)!.unit.id;
    const trend = await pub.listUnitTrend(liuxiUnit);
    expect(trend?.points.map((p) => p.year)).toEqual([2022, 2023]);
    expect(trend?.points.map((p) => p.received)).toEqual([15, 14]);
    const heqiaoUnit = all.items.find((r) => r.id === ids.heqiao2017)!.unit.id;
    expect((await pub.listUnitTrend(heqiaoUnit))?.points).toEqual([]);
    expect(await pub.listUnitTrend(999_999)).toBeNull();
  });

  it("builds the yearly open-data table with every gov-2021 cell and no draft", async () => {
    const table = await pub.openDataRows(2022);
    expect(table).not.toBeNull();
    expect(table!.header.slice(0, 4)).toEqual(["单位", "索引号", "发布日期", "报告地址"]);
    expect(table!.header).toHaveLength(5 + 200);
    expect(table!.rows).toHaveLength(3);
    const col = table!.header.indexOf("一、本年新收政府信息公开申请数量·总计");
    const qingshi = table!.rows.find((r) => r[0] === "示例县青石镇人民政府")!;
    expect(qingshi[col]).toBe(23);
    expect(qingshi[2]).toBe("2023-01-13");
    expect(String(qingshi[3])).toMatch(new RegExp(`/reports/${ids.qingshi2022}$`));
    expect(await pub.openDataRows(2024)).toBeNull();
    expect(await pub.openDataRows(1999)).toBeNull();
  });

  it("lists the sitemap without drafts", async () => {
    const entries = await pub.listSitemapEntries();
    expect(entries.reports.map((r) => r.id)).not.toContain(ids.qingshiDraft);
    expect(entries.years.map((y) => y.year)).toEqual([2023, 2022, 2017]);
  });
});
