/**
 * The domain's closed vocabularies, declared once: report statuses, roles and unit kinds,
 * with the Chinese words people see. The schema, the interchange format, permissions,
 * validations and screens import them from here. Pure.
 */

export const REPORT_STATUSES = ["draft", "submitted", "returned", "approved", "scheduled", "published", "withdrawn"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Readonly<Record<ReportStatus, string>> = {
  draft: "草稿",
  submitted: "待审核",
  returned: "退回修改",
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

export const UNIT_KINDS = ["county", "township", "subdistrict", "department"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Full names of unit kinds, as documents and the rules speak of them (a `department` is a county-level government department). */
export const UNIT_KIND_LABELS: Readonly<Record<UnitKind, string>> = {
  county: "县（市、区）人民政府",
  township: "乡镇人民政府",
  subdistrict: "街道办事处",
  department: "县级人民政府部门",
};

/** Short names of unit kinds, for the admin's lists and forms. */
export const UNIT_KIND_SHORT_LABELS: Readonly<Record<UnitKind, string>> = {
  county: "县（区）人民政府",
  township: "乡镇",
  subdistrict: "街道",
  department: "县级部门",
};
