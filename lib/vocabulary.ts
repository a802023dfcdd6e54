/**
 * The domain's closed vocabularies, declared once: report statuses, roles and unit kinds,
 * with the Chinese words people see. The schema, the interchange format, permissions,
 * validations and screens import them from here. Pure.
 */

/**
 * `filing` (待备案): approved by the unit's leader and waiting for the supervising unit to accept
 * it for filing (发布前备案, issue 14); accepted, it becomes `approved` and may be published.
 */
export const REPORT_STATUSES = ["draft", "submitted", "returned", "filing", "approved", "scheduled", "published", "withdrawn"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Readonly<Record<ReportStatus, string>> = {
  draft: "草稿",
  submitted: "待审核",
  returned: "退回修改",
  filing: "待备案",
  approved: "已批准",
  scheduled: "定时发布",
  published: "已发布",
  withdrawn: "已撤回",
};

/** Statuses in which the unit's clerks may still change a report. */
export const EDITABLE_REPORT_STATUSES: readonly ReportStatus[] = ["draft", "returned"];

export const ROLES = ["clerk", "leader", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  clerk: "填报员",
  leader: "审核领导",
  admin: "系统管理员",
};

/**
 * Kinds of units, top down. A `department` works at any level (its level is its parent's, see
 * lib/unit-levels.ts); a `development_zone` (开发区、功能区管委会) is county-level.
 */
export const UNIT_KINDS = ["province", "city", "county", "development_zone", "township", "subdistrict", "department"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Full names of unit kinds, as documents and the admin's forms speak of them. */
export const UNIT_KIND_LABELS: Readonly<Record<UnitKind, string>> = {
  province: "省级人民政府",
  city: "设区的市人民政府",
  county: "县（市、区）人民政府",
  development_zone: "开发区（功能区）管委会",
  township: "乡镇人民政府",
  subdistrict: "街道办事处",
  department: "人民政府部门",
};

/** Short names of unit kinds, for the admin's lists and forms. */
export const UNIT_KIND_SHORT_LABELS: Readonly<Record<UnitKind, string>> = {
  province: "省级人民政府",
  city: "市人民政府（设区的市）",
  county: "县（区）人民政府",
  development_zone: "开发区（功能区）",
  township: "乡镇",
  subdistrict: "街道",
  department: "政府部门",
};

/** Levels of government, top down; every unit has one (lib/unit-levels.ts). */
export const UNIT_LEVELS = ["province", "city", "county", "township"] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export const UNIT_LEVEL_LABELS: Readonly<Record<UnitLevel, string>> = {
  province: "省级",
  city: "市级",
  county: "县级",
  township: "乡镇（街道）级",
};

/**
 * 备案 (issue 14): how a supervising unit receives the reports of the units on its list.
 * `before_publication` (发布前备案): after the leader approves, the supervisor's clerk accepts the
 * report (then it may be published) or sends it back; `after_publication` (发布后备案): published
 * editions are listed for the supervisor to acknowledge.
 */
export const FILING_MODES = ["none", "before_publication", "after_publication"] as const;
export type FilingMode = (typeof FILING_MODES)[number];

export const FILING_MODE_LABELS: Readonly<Record<FilingMode, string>> = {
  none: "不备案",
  before_publication: "发布前备案",
  after_publication: "发布后备案",
};

/** A filing's state: waiting for the supervisor, accepted (已备案), or sent back (退回). */
export const FILING_STATUSES = ["pending", "accepted", "returned"] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

export const FILING_STATUS_LABELS: Readonly<Record<FilingStatus, string>> = {
  pending: "待备案",
  accepted: "已备案",
  returned: "已退回",
};
