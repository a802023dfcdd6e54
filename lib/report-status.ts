export const REPORT_STATUS_LABELS = {
  draft: "草稿",
  submitted: "待审核",
  returned: "退回修改",
  approved: "已批准",
  scheduled: "定时发布",
  published: "已发布",
  withdrawn: "已撤回",
} as const;
