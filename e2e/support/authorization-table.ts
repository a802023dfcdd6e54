/**
 * Who may call each server action and mutating route handler — the one declared table the
 * authorization matrix (e2e/authorization-matrix.spec.ts) proves against the running server.
 *
 * "Unit A" is the unit that owns the target (report, notification); the B personas belong to
 * another unit. Keys: `<source file>#<export>` for server actions, `<METHOD> <source file>`
 * for route handlers. A new action or route that is not listed here fails the meta-test.
 */

export const MATRIX_PERSONAS = ["anonymous", "clerkA", "clerkB", "leaderA", "leaderB", "admin"] as const;
export type Persona = (typeof MATRIX_PERSONAS)[number];

const SIGNED_IN: Persona[] = ["clerkA", "clerkB", "leaderA", "leaderB", "admin"];

export interface TableEntry {
  /** Personas whose call does the work; every other persona must be refused with nothing changed. */
  allowed: Persona[];
  /** Why the rule is what it is (a reviewer reads this, not the test). */
  rule: string;
  /**
   * Set when the matrix does not call the entry, with the reason and the spec that proves it
   * instead. Only for entries that are not guarded by a role at all.
   */
  provenElsewhere?: string;
}

const REPORT_ACTIONS = "app/(staff)/staff/reports/[id]/actions.ts";
const REVIEW_ACTIONS = "app/(staff)/staff/reports/[id]/review/actions.ts";
const STAFF_ACTIONS = "app/(staff)/staff/actions.ts";
const INBOX_ACTIONS = "app/(staff)/staff/inbox/actions.ts";
const UNIT_ACTIONS = "app/(staff)/staff/admin/units/actions.ts";
const USER_ACTIONS = "app/(staff)/staff/admin/users/actions.ts";

const SUMMATION_ACTIONS = "app/(staff)/staff/reports/[id]/summation/actions.ts";
const SUMMATION_RULE = "clerks of a supervising unit (county, city, province), on their own unit's draft report; township staff, leaders and admins are refused";

const adminOnly = (rule: string): TableEntry => ({ allowed: ["admin"], rule });

export const AUTHORIZATION_TABLE: Record<string, TableEntry> = {
  // Drafting: the unit's clerks, while the report is a draft or was returned.
  [`PUT app/api/reports/[id]/sections/[key]/route.ts`]: { allowed: ["clerkA"], rule: "autosave: clerks of the unit, draft only" },
  [`POST app/(staff)/staff/reports/[id]/import-word/upload/route.ts`]: { allowed: ["clerkA"], rule: "从 Word 导入 (read, and store on confirm): clerks of the unit, draft only" },
  [`${REPORT_ACTIONS}#updateReportTitleAction`]: { allowed: ["clerkA"], rule: "clerks of the unit, draft only" },
  [`${REPORT_ACTIONS}#setSectionCompletedAction`]: { allowed: ["clerkA"], rule: "clerks of the unit, draft only" },
  [`${REPORT_ACTIONS}#restoreRevisionAction`]: { allowed: ["clerkA"], rule: "clerks of the unit, draft only" },
  [`${REPORT_ACTIONS}#touchPresenceAction`]: { allowed: ["clerkA", "leaderA"], rule: "anyone who may read the report (its unit's clerks and leaders)" },
  [`${REPORT_ACTIONS}#checkCopiedTextAction`]: { allowed: ["clerkA", "leaderA"], rule: "anyone who may read the report (read-only: X-5 of the text being typed)" },
  [`${STAFF_ACTIONS}#createNextYearReportAction`]: { allowed: ["clerkA", "clerkB"], rule: "any clerk, for their own unit" },
  [`${REVIEW_ACTIONS}#submitReportAction`]: { allowed: ["clerkA"], rule: "clerks of the unit" },
  [`${REVIEW_ACTIONS}#resolveCommentAction`]: { allowed: ["clerkA"], rule: "clerks of the unit resolve review comments" },
  // Review: the unit's leaders (admins never approve content).
  [`${REVIEW_ACTIONS}#addCommentAction`]: { allowed: ["clerkA", "leaderA"], rule: "readers of the report comment and reply" },
  [`${REVIEW_ACTIONS}#returnReportAction`]: { allowed: ["leaderA"], rule: "leaders of the unit" },
  [`${REVIEW_ACTIONS}#approveReportAction`]: { allowed: ["leaderA"], rule: "leaders of the unit who did not submit or edit this round" },
  [`${REVIEW_ACTIONS}#publishReportAction`]: { allowed: ["leaderA"], rule: "leaders of the unit" },
  [`${REVIEW_ACTIONS}#cancelScheduleAction`]: { allowed: ["leaderA"], rule: "leaders of the unit" },
  [`${REVIEW_ACTIONS}#startCorrectionAction`]: { allowed: ["leaderA"], rule: "leaders of the unit" },
  [`${REVIEW_ACTIONS}#withdrawReportAction`]: { allowed: ["leaderA"], rule: "leaders of the unit" },
  // One's own inbox and account.
  [`${INBOX_ACTIONS}#markNotificationReadAction`]: { allowed: ["leaderA"], rule: "only the notification's recipient (leader A in the matrix)" },
  [`${INBOX_ACTIONS}#markAllNotificationsReadAction`]: { allowed: SIGNED_IN, rule: "anyone signed in, on their own notifications" },
  ["app/(auth)/change-password/actions.ts#changePasswordAction"]: { allowed: SIGNED_IN, rule: "anyone signed in, for their own account (current password required)" },
  [`${STAFF_ACTIONS}#signOutAction`]: { allowed: SIGNED_IN, rule: "anyone signed in ends their own session only" },
  // 报送单位名单: the supervising unit's clerks (a county's); the matrix's units are townships, which
  // supervise nobody, so every matrix persona is refused. The county clerk's save is proven in
  // e2e/county-keeps-its-reporting-list.spec.ts, a county leader's refusal in the integration tests.
  ["app/(staff)/staff/reporting-list/actions.ts#saveReportingListAction"]: {
    allowed: [],
    rule: "clerks of the supervising unit (county, city, province) only; township staff, leaders and admins are refused",
  },
  // 备案: the clerks of the unit a report was filed with (a county's); the matrix's personas are
  // township staff and an admin, so all are refused. The matrix also refuses the county's leader
  // and another county's clerk (and the county's clerk editing a township's report); the county
  // clerk's decisions are proven in e2e/township-files-with-the-county.spec.ts.
  ["app/(staff)/staff/filings/actions.ts#acceptFilingAction"]: {
    allowed: [],
    rule: "clerks of the supervising unit the report was filed with; township staff, leaders and admins are refused",
  },
  ["app/(staff)/staff/filings/actions.ts#returnFilingAction"]: {
    allowed: [],
    rule: "clerks of the supervising unit the report was filed with; township staff, leaders and admins are refused",
  },
  ["app/(staff)/staff/filings/actions.ts#acknowledgeFilingAction"]: {
    allowed: [],
    rule: "clerks of the supervising unit the report was filed with; township staff, leaders and admins are refused",
  },
  // 汇总 (issue 14): the supervising unit's clerks, on their own unit's report while it is a draft.
  // The matrix's units are townships, which supervise nobody, so every matrix persona is refused;
  // the county clerk's 汇总 is proven in e2e/county-sums-its-units.spec.ts, a county leader's and
  // another county's clerk's refusals there and in lib/data/__tests__/summation.integration.test.ts.
  [`${SUMMATION_ACTIONS}#startSummationAction`]: { allowed: [], rule: SUMMATION_RULE },
  [`${SUMMATION_ACTIONS}#saveOwnFiguresAction`]: { allowed: [], rule: SUMMATION_RULE },
  [`${SUMMATION_ACTIONS}#markUnitAbsentAction`]: { allowed: [], rule: SUMMATION_RULE },
  [`${SUMMATION_ACTIONS}#clearUnitAbsentAction`]: { allowed: [], rule: SUMMATION_RULE },
  [`${SUMMATION_ACTIONS}#sumReportAction`]: { allowed: [], rule: SUMMATION_RULE },
  // Administration.
  [`${UNIT_ACTIONS}#createUnitAction`]: adminOnly("admins manage units"),
  [`${UNIT_ACTIONS}#updateUnitAction`]: adminOnly("admins manage units"),
  [`${UNIT_ACTIONS}#setUnitActiveAction`]: adminOnly("admins manage units"),
  [`${USER_ACTIONS}#createUserAction`]: adminOnly("admins manage accounts"),
  [`${USER_ACTIONS}#updateUserAction`]: adminOnly("admins manage accounts"),
  [`${USER_ACTIONS}#setUserActiveAction`]: adminOnly("admins manage accounts"),
  [`${USER_ACTIONS}#resetUserPasswordAction`]: adminOnly("admins manage accounts"),
  [`${USER_ACTIONS}#unlockUserAction`]: adminOnly("admins manage accounts"),
  // Not guarded by a role: signing in is for everybody.
  ["app/(auth)/login/actions.ts#loginAction"]: {
    allowed: [...MATRIX_PERSONAS],
    rule: "the sign-in form: anyone may try, with lockout after repeated failures",
    provenElsewhere: "takes FormData from the sign-in form; e2e/staff-signs-in.spec.ts proves wrong passwords, lockout and equal messages",
  },
  ["POST app/api/auth/[...nextauth]/route.ts"]: {
    allowed: [...MATRIX_PERSONAS],
    rule: "next-auth's own endpoints (sign-in callback, sign-out), guarded by its CSRF double-submit token",
    provenElsewhere: "e2e/csrf.spec.ts proves a sign-out without next-auth's CSRF token ends no session",
  },
};
