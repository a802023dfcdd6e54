import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPORT_STATUSES } from "@/lib/vocabulary";
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  auditActionLabel,
  auditDetailSentence,
  auditEventLabel,
  auditTargetLabel,
  isAuditAction,
  roleLabel,
} from "../audit-vocabulary";

const CHINESE = /^[\u4e00-\u9fff：、（）]+$/;

/** Every `action: "…"` (and `action: cond ? "…" : "…"`) written by the code base's audit calls. */
function actionCodesInSource(): string[] {
  const files = ["db", "lib"].flatMap((root) =>
    readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((f) => /\.tsx?$/.test(f) && !f.includes("__tests__"))
      .map((f) => path.join(root, f)),
  );
  const codes = new Set<string>();
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/\baction:\s*([^,\n}]+)/g)) {
      for (const literal of match[1]!.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) codes.add(literal[1]!);
      if (match[1]!.includes("`report.${")) for (const status of REPORT_STATUSES) codes.add(`report.${status}`);
    }
  }
  return [...codes].sort();
}

describe("audit action names (issue 12)", () => {
  it("names every action code the code base writes, in Chinese", () => {
    const written = actionCodesInSource();
    expect(written.length).toBeGreaterThan(30);
    expect(written).toContain("auth.signin");
    expect(written).toContain("report.returned");
    expect(written.filter((code) => !isAuditAction(code))).toEqual([]);
    for (const code of AUDIT_ACTIONS) expect(AUDIT_ACTION_LABELS[code], code).toMatch(CHINESE);
  });

  it("reads the outcome into the name where it matters", () => {
    expect(auditEventLabel("auth.signin", "success")).toBe("登录成功");
    expect(auditEventLabel("auth.signin", "failure")).toBe("登录失败");
    expect(auditEventLabel("report.publish", "success")).toBe("发布");
    expect(auditEventLabel("report.returned", "success")).toBe("退回修改");
    expect(auditEventLabel("report.review", "denied")).toBe("无权限：审核操作");
    expect(auditActionLabel("something.unknown")).toBe("其他操作");
  });

  it("names roles and targets in Chinese", () => {
    expect([roleLabel("clerk"), roleLabel("leader"), roleLabel("admin"), roleLabel(null)]).toEqual(["填报员", "审核领导", "系统管理员", "—"]);
    expect(auditTargetLabel("report", "12")).toBe("报告 #12");
    expect(auditTargetLabel("session", "0f7c-uuid")).toBe("会话");
    expect(auditTargetLabel(null, null)).toBe("—");
  });

  it("turns details into a sentence without codes or JSON", () => {
    const cases: [Parameters<typeof auditDetailSentence>[0], string][] = [
      [{ action: "section.save", result: "success", details: { section: "overview" } }, "章节：「一、总体情况」。"],
      [{ action: "section.save", result: "success", details: { section: "preamble" } }, "章节：导语。"],
      [{ action: "auth.signin", result: "failure", details: { reason: "wrong_password", consecutiveFailures: 2 } }, "原因：密码错误，已连续失败 2 次。"],
      [{ action: "auth.signin", result: "failure", details: { username: "nobody", reason: "unknown_user" } }, "用户名 nobody，原因：用户名不存在。"],
      [{ action: "report.returned", result: "success", details: { from: "submitted", to: "returned", reason: "表三数据有误" } }, "状态：待审核 → 退回修改，原因：表三数据有误。"],
      [{ action: "report.publish", result: "success", details: { from: "approved", indexNo: "002509011/2026-00001", changeNote: null } }, "索引号 002509011/2026-00001，发布前状态：已批准。"],
      [{ action: "user.create", result: "success", details: { username: "li.si", role: "leader", unitId: 3 } }, "用户名 li.si，角色：审核领导。"],
      [
        { action: "user.update", result: "success", details: { from: { role: "clerk", unitId: 3, displayName: "李四" }, to: { role: "leader", unitId: 3, displayName: "李四" }, sessionsEnded: true } },
        "角色 填报员 → 审核领导，该账号已登录的会话已结束。",
      ],
      [{ action: "report.approved", result: "denied", details: { reason: "separation_of_duties" } }, "原因：本轮参与过提交或编辑的人不能审核通过。"],
      [{ action: "auth.signin", result: "success", details: null }, ""],
    ];
    for (const [entry, expected] of cases) expect(auditDetailSentence(entry), entry.action).toBe(expected);
  });
});
