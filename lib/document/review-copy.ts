/** The marker in every page header of a 审阅稿 (a draft exported to Word for review on paper). */
export const DRAFT_LABEL = "审阅稿 · 未发布" as const;

/** Reports a 审阅稿 is made of: drafts, returned drafts and reports waiting for the leader. */
export const REVIEW_COPY_STATUSES: readonly string[] = ["draft", "returned", "submitted"];
