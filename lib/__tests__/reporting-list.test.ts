import { describe, expect, it } from "vitest";
import { auditDetailSentence } from "@/lib/audit-vocabulary";
import { canEditReportingList, includedByDefault, placementOf } from "@/lib/reporting-list";
import { UNIT_KINDS } from "@/lib/vocabulary";
import { MISSING_REASON_MESSAGE, reportingListSchema } from "@/lib/validations/reporting-list";

describe("the reporting-unit list (pure)", () => {
  it("puts every kind of unit on its supervisor's list by default", () => {
    for (const kind of UNIT_KINDS) expect(includedByDefault(kind), kind).toBe(true);
  });

  it("places a unit by its own parent's saved entry, not by another supervisor's", () => {
    const unit = { id: 7, kind: "department" as const, parentId: 1 };
    expect(placementOf(unit, [])).toEqual({ included: true, reason: null });
    expect(placementOf(unit, [{ supervisorId: 1, unitId: 7, included: false, reason: "垂直管理" }])).toEqual({ included: false, reason: "垂直管理" });
    // Saved by the unit's former supervisor: the default applies.
    expect(placementOf(unit, [{ supervisorId: 2, unitId: 7, included: false, reason: "已撤并" }])).toEqual({ included: true, reason: null });
  });

  it("lets only a supervising unit's clerks edit the list", () => {
    const county = { id: 1, kind: "county" as const };
    expect(canEditReportingList({ userId: 1, role: "clerk", unitId: 1 }, county)).toBe(true);
    expect(canEditReportingList({ userId: 2, role: "leader", unitId: 1 }, county)).toBe(false);
    expect(canEditReportingList({ userId: 3, role: "admin", unitId: 1 }, county)).toBe(false);
    expect(canEditReportingList({ userId: 4, role: "clerk", unitId: 2 }, county)).toBe(false);
    expect(canEditReportingList({ userId: 5, role: "clerk", unitId: 9 }, { id: 9, kind: "township" })).toBe(false);
    expect(canEditReportingList(null, county)).toBe(false);
  });

  it("asks for a reason at the left-out unit's field, and only there", () => {
    const parsed = reportingListSchema.safeParse({
      year: 2024,
      entries: [
        { unitId: 1, included: true, reason: "" },
        { unitId: 2, included: false, reason: "  " },
      ],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["entries.1.reason", MISSING_REASON_MESSAGE]]);
  });

  it("tells the audit log which units were left out and why", () => {
    const details = { year: 2024, listed: 3, leftOut: [{ unitId: 9, name: "示例县司法局", reason: "垂直管理" }] };
    expect(auditDetailSentence({ action: "reporting_list.save", result: "success", details })).toBe("2024 年度，列入名单 3 个单位，不列入：示例县司法局（垂直管理）。");
  });
});
