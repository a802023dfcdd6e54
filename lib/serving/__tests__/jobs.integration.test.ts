import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { freshDatabase } from "../../testing/fresh-database";
import { liveStateReader } from "../../../db/report-live-state";
import { addReportViews } from "../../../db/report-views";
import { insertReportDocument } from "../../../db/report-store";
import { reports, units } from "../../../db/schema";
import { transaction } from "../../../db/transaction";
import { createEmptyReport } from "../../interchange";
import { orgCodeCheckChar } from "../../validations/org-code";
import { startJobs, type Jobs } from "../jobs";
import { ViewCounter } from "../view-counting";

/** A migrated in-memory database with one township and one scheduled report, due a minute ago. */
async function databaseWithDueReport(): Promise<{ db: Db; reportId: number }> {
  const db = freshDatabase();
  const body = "JOBTST01";
  const unit = db.insert(units).values({ name: "作业镇", shortName: "作业", kind: "township", orgCode: body + orgCodeCheckChar(body) }).returning().get();
  const doc = createEmptyReport({ format: "gov-2021", year: 2024, unit: { name: unit.name, orgCode: unit.orgCode, kind: "township" } });
  const reportId = await transaction(db, (tx) => insertReportDocument(tx, doc, { unitId: unit.id, status: "scheduled", origin: "editor" }));
  db.update(reports).set({ scheduledAt: new Date(Date.now() - 60_000) }).where(eq(reports.id, reportId)).run();
  return { db, reportId };
}

const silent = { info: vi.fn(), error: vi.fn() };
let jobs: Jobs | null = null;
afterEach(async () => {
  await jobs?.stop();
  jobs = null;
  vi.clearAllMocks();
});

describe("the server's jobs", () => {
  it("publish a due scheduled report at start, without any request", async () => {
    const { db, reportId } = await databaseWithDueReport();
    jobs = startJobs({ db, views: new ViewCounter(() => undefined), retentionDays: 730, log: silent });
    await vi.waitFor(() => expect(db.select({ status: reports.status }).from(reports).get()?.status).toBe("published"));
    expect((await liveStateReader(db)(reportId))?.liveEditionId).not.toBeNull();
    expect(silent.info).toHaveBeenCalledWith({ count: 1 }, "定时发布：已发布 1 份报告。");
    expect(silent.error).not.toHaveBeenCalled();
  });

  it("write counted views about once a second, and the rest when they stop", async () => {
    const { db, reportId } = await databaseWithDueReport();
    const views = new ViewCounter((increments) => addReportViews(db, increments));
    jobs = startJobs({ db, views, retentionDays: 730, log: silent, intervals: { viewFlush: 20 } });
    views.add(reportId);
    views.add(reportId);
    await vi.waitFor(async () => expect((await liveStateReader(db)(reportId))?.viewCount).toBe(2));
    views.add(reportId);
    await jobs.stop();
    jobs = null;
    expect((await liveStateReader(db)(reportId))?.viewCount).toBe(3);
    expect(views.pendingFor(reportId)).toBe(0);
  });

  it("log a failing job and keep running it", async () => {
    const { db } = await databaseWithDueReport();
    let attempts = 0;
    const views = new ViewCounter(() => {
      attempts++;
      throw new Error("disk full");
    });
    views.add(1);
    jobs = startJobs({ db, views, retentionDays: 730, log: silent, intervals: { viewFlush: 10 } });
    await vi.waitFor(() => expect(attempts).toBeGreaterThanOrEqual(3));
    expect(silent.error).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), "[jobs] view flush failed");
    expect(views.pendingFor(1)).toBe(1); // kept for the next attempt
    await expect(jobs.stop()).rejects.toThrow("disk full");
    jobs = null;
  });
});
