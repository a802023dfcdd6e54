import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { liveStateReader } from "@/db/report-live-state";
import { auditLog, editionFiles, reportEditions } from "@/db/schema";
import { saveSection } from "@/lib/data/sections";
import { approveReport, publishApprovedReport, startCorrection, withdrawReport } from "@/lib/data/workflow";
import type { ReportDocument } from "@/lib/interchange";
import { actAs, addTownship, database, seedFixture, sectionRow } from "@/lib/testing/integration-db";
import { APPROVAL, narrativeHtml, publishedReport, submitExplained } from "@/lib/testing/report-flows";
import { DocumentFiles, type EditionFileGenerator } from "../document-files";

await seedFixture();

const silent = { info: vi.fn(), error: vi.fn() };

const editionIds = (reportId: number): number[] =>
  database().select({ id: reportEditions.id }).from(reportEditions).where(eq(reportEditions.reportId, reportId)).orderBy(reportEditions.edition).all().map((e) => e.id);

const filesOf = (editionId: number) =>
  database().select().from(editionFiles).where(eq(editionFiles.editionId, editionId)).all();

/** A stand-in generator: the title as the file, so a test can tell whose file it is. */
const titleFile: EditionFileGenerator = async (document: ReportDocument) => Buffer.from(`PDF of ${document.title}`);

describe("原文 files of published editions", () => {
  it("a published edition gets its PDF, printed by Chromium, and its Word file, each stored with its SHA-256 and audited", async () => {
    const town = await addTownship("原文镇");
    const id = await publishedReport(town);
    const [editionId] = editionIds(id);
    const stateBefore = await liveStateReader(database())(id);
    const files = new DocumentFiles({ db: database(), log: silent });
    try {
      expect(await files.runOnce()).toBeGreaterThanOrEqual(1);
    } finally {
      await files.close();
    }
    const stored = filesOf(editionId!);
    expect(stored.map((f) => f.kind).sort()).toEqual(["docx", "pdf"]);
    const file = stored.find((f) => f.kind === "pdf");
    expect(file!.content.subarray(0, 5).toString()).toBe("%PDF-");
    const word = stored.find((f) => f.kind === "docx")!;
    expect(word.content.subarray(0, 2).toString()).toBe("PK"); // a .docx is a ZIP archive
    for (const f of stored) {
      expect(f.sha256).toBe(createHash("sha256").update(f.content).digest("hex"));
      expect(f.byteSize).toBe(f.content.byteLength);
    }
    const audit = database().select().from(auditLog).where(eq(auditLog.action, "report.file")).all();
    expect(audit).toHaveLength(2);
    for (const f of stored) {
      expect(audit).toContainEqual(
        expect.objectContaining({ actorName: "scheduler", targetType: "report", targetId: String(id), result: "success", details: expect.objectContaining({ edition: 1, kind: f.kind, sha256: f.sha256 }) }),
      );
    }
    // The cached report page is rendered again, now with 「下载原文（PDF）」.
    expect((await liveStateReader(database())(id))?.related).not.toBe(stateBefore?.related);
    // Nothing left to do: a second run stores nothing.
    const again = new DocumentFiles({ db: database(), log: silent, generators: { pdf: titleFile } });
    expect(await again.runOnce()).toBe(0);
  }, 60_000);

  it("a failing generator is logged, retried later, and the file stored once it succeeds", async () => {
    const town = await addTownship("重试镇");
    const id = await publishedReport(town);
    const [editionId] = editionIds(id);
    let clock = 1_000_000;
    let failing = true;
    const generator = vi.fn<EditionFileGenerator>(async (document, tools) => {
      if (failing) throw new Error("chromium crashed");
      return titleFile(document, tools);
    });
    const log = { info: vi.fn(), error: vi.fn() };
    const files = new DocumentFiles({ db: database(), log, generators: { pdf: generator }, timing: { retryMs: 30_000 }, now: () => clock });

    await files.runOnce();
    expect(filesOf(editionId!)).toEqual([]);
    expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ editionId, kind: "pdf", attempt: 1 }), expect.stringContaining("稍后重试"));
    const calls = generator.mock.calls.length;

    // Before the retry time nothing is tried again …
    failing = false;
    clock += 10_000;
    await files.runOnce();
    expect(generator.mock.calls.length).toBe(calls);
    expect(filesOf(editionId!)).toEqual([]);

    // … after it, the file is made.
    clock += 30_000;
    await files.runOnce();
    expect(filesOf(editionId!).map((f) => f.content.toString())).toEqual([expect.stringMatching(/^PDF of 测试县重试镇人民政府\d{4}年政府信息公开工作年度报告$/)]);
  });

  it("a file that takes too long is abandoned and tried again at the next start", async () => {
    const town = await addTownship("超时镇");
    const id = await publishedReport(town);
    const [editionId] = editionIds(id);
    const hanging: EditionFileGenerator = () => new Promise(() => undefined);
    const log = { info: vi.fn(), error: vi.fn() };
    await new DocumentFiles({ db: database(), log, generators: { pdf: hanging }, timing: { timeoutMs: 50 } }).runOnce();
    expect(filesOf(editionId!)).toEqual([]);
    expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ editionId, err: expect.objectContaining({ message: "timed out after 50 ms" }) }), expect.any(String));

    // A restart forgets the wait: the retry at start.
    await new DocumentFiles({ db: database(), log: silent, generators: { pdf: titleFile } }).runOnce();
    expect(filesOf(editionId!)).toHaveLength(1);
  });

  it("stop abandons a file in progress at once, without an error, and the next start makes it", async () => {
    const town = await addTownship("停止镇");
    const id = await publishedReport(town);
    const [editionId] = editionIds(id);
    const log = { info: vi.fn(), error: vi.fn() };
    let started!: () => void;
    const printing = new Promise<void>((resolve) => (started = resolve));
    const hanging: EditionFileGenerator = () => {
      started();
      return new Promise(() => undefined);
    };
    const files = new DocumentFiles({ db: database(), log, generators: { pdf: hanging } });
    const run = files.runOnce();
    await printing;
    const before = performance.now();
    await files.stop();
    expect(await run).toBe(0);
    expect(performance.now() - before).toBeLessThan(1_000);
    expect(log.error).not.toHaveBeenCalled();
    expect(filesOf(editionId!)).toEqual([]);

    await new DocumentFiles({ db: database(), log: silent, generators: { pdf: titleFile } }).runOnce();
    expect(filesOf(editionId!)).toHaveLength(1);
  });

  it("a correction gets its own file, the earlier edition keeps its own, and a withdrawn report keeps both but gets no new ones", async () => {
    const town = await addTownship("修订镇");
    const id = await publishedReport(town);
    const generators = { pdf: titleFile, docx: async (d: ReportDocument) => Buffer.from(`DOCX of ${d.title}`) };
    await new DocumentFiles({ db: database(), log: silent, generators }).runOnce();
    const [first] = editionIds(id);
    const firstFiles = filesOf(first!);
    expect(firstFiles.map((f) => f.kind).sort()).toEqual(["docx", "pdf"]);

    await actAs(town.leader);
    await startCorrection(id);
    await actAs(town.clerk);
    await saveSection({ reportId: id, sectionKey: "overview", baseVersion: sectionRow(id, "overview").version, html: "<p>更正后的总体情况。</p>" + narrativeHtml("overview") });
    await submitExplained(town, id);
    await actAs(town.leader);
    await approveReport(id, APPROVAL);
    await publishApprovedReport(id, { scheduleAt: "", changeNote: "更正总体情况中的表述。" });
    await new DocumentFiles({ db: database(), log: silent, generators }).runOnce();
    const [, second] = editionIds(id);
    expect(filesOf(second!).map((f) => f.kind).sort()).toEqual(["docx", "pdf"]);
    expect(filesOf(first!)).toEqual(firstFiles);

    await withdrawReport(id, { reason: "内容需要重新核实。" });
    // Files of this withdrawn report are kept; a new generator kind is not run for it.
    const generator = vi.fn(titleFile);
    await new DocumentFiles({ db: database(), log: silent, generators: { pdf: generator, docx: generator } }).runOnce();
    expect(generator.mock.calls.map(([d]) => d.unit.name)).not.toContain(town.unit.name);
    expect(filesOf(first!)).toHaveLength(2);
    expect(filesOf(second!)).toHaveLength(2);
  });
});
