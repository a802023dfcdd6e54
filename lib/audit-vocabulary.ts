/**
 * The audit log in words: every action code the code base writes (db/commands, lib/data) with
 * the Chinese name the admin reads, and one sentence for a row's details. The codes stay what
 * machines filter and export on; people see only the names and sentences. Pure.
 */
import { getSection } from "@/lib/formats";
import { REPORT_STATUSES, REPORT_STATUS_LABELS, ROLE_LABELS, ROLES, UNIT_KIND_SHORT_LABELS, UNIT_KINDS, type ReportStatus } from "@/lib/vocabulary";

/** Report transitions are audited as `report.<new status>` (db/commands/report-workflow.ts). */
type ReportTransitionAction = `report.${ReportStatus}`;

export const AUDIT_ACTION_LABELS = {
  "auth.signin": "登录",
  "auth.signout": "退出登录",
  "auth.lockout": "账号锁定",
  "auth.password_change": "修改密码",
  "session.end": "会话结束",
  "audit.prune": "清理过期审计日志",
  "report.file": "生成原文文件",
  "report.create": "新建年度报告",
  "report.import": "导入报告",
  "report.word_import": "从文档导入",
  "report.title": "修改报告标题",
  "report.review": "审核操作",
  "report.draft": "开始修订",
  "report.submitted": "提交审核",
  "report.returned": "退回修改",
  "report.filing": "审核通过并报送备案",
  "report.approved": "审核通过",
  "report.scheduled": "设置定时发布",
  "report.published": "发布",
  "report.publish": "发布",
  "report.withdrawn": "撤回报告",
  "section.save": "保存章节",
  "section.complete": "标记章节已完成",
  "section.reopen": "章节改回编辑中",
  "section.restore": "恢复章节历史版本",
  "comment.add": "提出审核意见",
  "comment.resolve": "意见标记为已处理",
  "notification.read": "查看通知",
  "unit.create": "新建单位",
  "unit.update": "修改单位",
  "unit.activate": "启用单位",
  "unit.deactivate": "停用单位",
  "unit.manage": "管理单位",
  "reporting_list.save": "保存报送单位名单",
  "filing.file": "报送备案",
  "filing.accept": "备案通过",
  "filing.return": "备案退回",
  "filing.acknowledge": "确认备案",
  "filing.decide": "办理备案",
  "summation.start": "开始汇总",
  "summation.own_figures": "保存本级数据",
  "summation.absent": "标记单位暂缺",
  "summation.absent_clear": "取消单位暂缺",
  "summation.sum": "汇总",
  "user.create": "新建账号",
  "user.update": "修改账号",
  "user.activate": "启用账号",
  "user.deactivate": "停用账号",
  "user.reset_password": "重置密码",
  "user.unlock": "解除锁定",
  "user.manage": "管理账号",
} as const satisfies Record<string, string> & Record<ReportTransitionAction, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export function isAuditAction(code: string): code is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, code);
}

export type AuditResult = "success" | "failure" | "denied";

export const AUDIT_RESULT_LABELS: Readonly<Record<AuditResult, string>> = { success: "成功", failure: "失败", denied: "拒绝" };

/** The Chinese name of an action; a code from an older version of the software is named as such. */
export function auditActionLabel(code: string): string {
  return isAuditAction(code) ? AUDIT_ACTION_LABELS[code] : "其他操作";
}

/**
 * The name of what a person did, with its outcome where that changes the meaning:
 * 「登录成功」「登录失败」「登录被拒绝」, 「发布」, 「无权限：审核操作」.
 */
export function auditEventLabel(code: string, result: AuditResult): string {
  const label = auditActionLabel(code);
  if (code === "auth.signin") return result === "success" ? "登录成功" : result === "failure" ? "登录失败" : "登录被拒绝";
  if (result === "denied") return `无权限：${label}`;
  if (result === "failure") return `${label}失败`;
  return label;
}

export function roleLabel(role: string | null): string {
  return role && (ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as (typeof ROLES)[number]] : role ? "其他角色" : "—";
}

const TARGET_LABELS: Readonly<Record<string, string>> = {
  report: "报告",
  user: "账号",
  unit: "单位",
  session: "会话",
  notification: "通知",
  audit_log: "审计日志",
};

/** 「报告 #12」, 「账号 #3」; a session is named without its long id. */
export function auditTargetLabel(type: string | null, id: string | null): string {
  if (!type) return "—";
  const name = TARGET_LABELS[type] ?? "其他对象";
  return id && type !== "session" ? `${name} #${id}` : name;
}

const REASONS: Readonly<Record<string, string>> = {
  wrong_password: "密码错误",
  unknown_user: "用户名不存在",
  inactive: "账号已停用",
  locked: "账号已锁定",
  wrong_current_password: "当前密码不正确",
  separation_of_duties: "本轮参与过提交或编辑的人不能审核通过",
  idle: "长时间未操作",
  absolute: "登录时间过长",
  deactivated: "账号已停用",
  revoked: "密码、角色或状态已变更",
};

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : null);

function statusLabel(value: unknown): string | null {
  return typeof value === "string" && (REPORT_STATUSES as readonly string[]).includes(value) ? REPORT_STATUS_LABELS[value as ReportStatus] : null;
}

function sectionLabel(key: unknown): string | null {
  if (typeof key !== "string") return null;
  const section = getSection("gov-2021", key) ?? getSection("gov-2019-trial", key);
  if (!section) return "某一节";
  return section.heading ? `「${section.heading}」` : "导语";
}

function unitKindLabel(kind: unknown): string | null {
  return typeof kind === "string" && (UNIT_KINDS as readonly string[]).includes(kind) ? UNIT_KIND_SHORT_LABELS[kind as (typeof UNIT_KINDS)[number]] : null;
}

const sentence = (parts: (string | null | false | undefined)[]): string => {
  const kept = parts.filter((p): p is string => Boolean(p));
  return kept.length ? `${kept.join("，")}。` : "";
};

/** One Chinese sentence for a row's details (empty when there is nothing to add to the other columns). */
export function auditDetailSentence(entry: { action: string; result: AuditResult; details: Record<string, unknown> | null }): string {
  const d = entry.details ?? {};
  const reason = text(d.reason);
  const reasonText = reason ? (REASONS[reason] ?? reason) : null;
  switch (entry.action) {
    case "auth.signin":
      return sentence([
        text(d.username) && `用户名 ${text(d.username)}`,
        reasonText && `原因：${reasonText}`,
        typeof d.consecutiveFailures === "number" && `已连续失败 ${d.consecutiveFailures} 次`,
      ]);
    case "auth.lockout":
      return sentence([typeof d.failures === "number" && `连续 ${d.failures} 次密码错误`, "账号暂时锁定"]);
    case "auth.password_change":
      return sentence([reasonText && `原因：${reasonText}`]);
    case "session.end":
      return sentence([reasonText && `原因：${reasonText}`]);
    case "audit.prune":
      return sentence([typeof d.deleted === "number" && `删除 ${d.deleted} 条`, typeof d.retentionDays === "number" && `保留期 ${d.retentionDays} 天`]);
    case "report.create":
      return sentence([text(d.year) && `${text(d.year)} 年度报告`]);
    case "report.import":
      return sentence([text(d.year) && `${text(d.year)} 年度报告`, statusLabel(d.status) && `导入后状态：${statusLabel(d.status)}`]);
    case "report.word_import": {
      const sections = Array.isArray(d.sections) ? d.sections.length : 0;
      return sentence([text(d.fileName) && `文件 ${text(d.fileName)}`, sections > 0 && `导入 ${sections} 节`]);
    }
    case "report.file":
      return sentence([
        typeof d.edition === "number" && `第 ${d.edition} 版`,
        text(d.kind) && `${text(d.kind) === "docx" ? "Word" : text(d.kind)?.toUpperCase()} 文件`,
        text(d.sha256) && `SHA-256 ${text(d.sha256)}`,
      ]);
    case "report.title":
      return sentence([text(d.title) && `新标题：${text(d.title)}`]);
    case "report.publish":
      return sentence([
        text(d.indexNo) && `索引号 ${text(d.indexNo)}`,
        statusLabel(d.from) && `发布前状态：${statusLabel(d.from)}`,
        text(d.changeNote) && `修订说明：${text(d.changeNote)}`,
      ]);
    case "section.save":
    case "section.complete":
    case "section.reopen":
    case "comment.add":
      return sentence([sectionLabel(d.section) && `章节：${sectionLabel(d.section)}`]);
    case "section.restore":
      return sentence([sectionLabel(d.section) && `章节：${sectionLabel(d.section)}`, "恢复到此前保存的版本"]);
    case "comment.resolve":
      return sentence([typeof d.commentId === "number" && `意见 #${d.commentId}`]);
    case "unit.create":
    case "unit.update":
      return sentence([text(d.name), unitKindLabel(d.kind) && `类型：${unitKindLabel(d.kind)}`, text(d.orgCode) && `代码 ${text(d.orgCode)}`]);
    case "reporting_list.save": {
      const leftOut = Array.isArray(d.leftOut) ? (d.leftOut as Record<string, unknown>[]) : [];
      return sentence([
        text(d.year) && `${text(d.year)} 年度`,
        typeof d.listed === "number" && `列入名单 ${d.listed} 个单位`,
        leftOut.length > 0 && `不列入：${leftOut.map((u) => `${text(u.name) ?? "某单位"}（${text(u.reason) ?? "未说明原因"}）`).join("、")}`,
      ]);
    }
    case "filing.file":
      return sentence([
        text(d.mode) === "before_publication" ? "发布前备案" : text(d.mode) === "after_publication" ? "发布后备案" : null,
        typeof d.edition === "number" && `第 ${d.edition} 版`,
      ]);
    case "filing.accept":
    case "filing.return":
    case "filing.acknowledge":
      return sentence([typeof d.edition === "number" && `第 ${d.edition} 版`, reason && `原因：${reason}`, text(d.note) && `备注：${text(d.note)}`]);
    case "summation.own_figures":
      return sentence([typeof d.changedCells === "number" && `修改 ${d.changedCells} 格`]);
    case "summation.absent":
    case "summation.absent_clear":
      return sentence([text(d.unit), text(d.note) && `说明：${text(d.note)}`]);
    case "summation.sum": {
      const summed = Array.isArray(d.units) ? d.units.map((u) => text(u)).filter(Boolean) : [];
      const absent = Array.isArray(d.absent) ? d.absent.map((u) => text(u)).filter(Boolean) : [];
      return sentence([
        `汇总 ${summed.length} 个单位`,
        absent.length > 0 && `暂缺：${absent.join("、")}`,
        typeof d.changedCells === "number" && `变化 ${d.changedCells} 格`,
      ]);
    }
    case "user.create":
      return sentence([text(d.username) && `用户名 ${text(d.username)}`, text(d.role) && `角色：${roleLabel(text(d.role))}`]);
    case "user.update": {
      const from = (d.from ?? {}) as Record<string, unknown>;
      const to = (d.to ?? {}) as Record<string, unknown>;
      return sentence([
        text(to.displayName) && text(to.displayName) !== text(from.displayName) && `姓名 ${text(from.displayName) ?? "—"} → ${text(to.displayName)}`,
        text(to.role) && to.role !== from.role && `角色 ${roleLabel(text(from.role))} → ${roleLabel(text(to.role))}`,
        to.unitId !== undefined && String(to.unitId) !== String(from.unitId) && "所属单位已变更",
        d.sessionsEnded === true && "该账号已登录的会话已结束",
      ]);
    }
  }
  if (entry.action.startsWith("report.")) {
    return sentence([
      statusLabel(d.from) && statusLabel(d.to) && `状态：${statusLabel(d.from)} → ${statusLabel(d.to)}`,
      reasonText && `原因：${reasonText}`,
    ]);
  }
  return sentence([reasonText && `原因：${reasonText}`]);
}
