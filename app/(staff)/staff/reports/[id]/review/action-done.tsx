import Link from "next/link";
import type { ReactNode } from "react";
import type { ReportStatus } from "@/lib/vocabulary";

interface ActionDoneProps {
  /** What was just done (`?submitted=1` / `?done=…` after the action), or null. */
  done: string | null;
  status: ReportStatus;
  /** Names of the unit's leaders, for 「等待 … 审核」. */
  reviewers: string[];
  publicHref: string;
}

/**
 * The confirmation after 提交审核, 退回, 批准 and 发布, read from the address the action moved to
 * (so it survives the refresh). Shown only while the report is still in the state the action
 * led to, so an old address never claims something that is no longer true.
 */
export function ActionDone({ done, status, reviewers, publicHref }: ActionDoneProps) {
  let message: ReactNode = null;
  if (done === "submitted" && status === "submitted") {
    message = reviewers.length > 0 ? `已提交审核，等待 ${reviewers.join("、")} 审核。` : "已提交审核。本单位还没有审核领导账号，请联系系统管理员。";
  } else if (done === "returned" && status === "returned") message = "已退回修改，填报员会收到通知和退回原因。";
  else if (done === "approved" && status === "approved") message = "已批准。下一步：发布。";
  else if (done === "approved" && status === "filing") message = "已批准，已报送上级备案。备案通过后方可发布。";
  else if (done === "scheduled" && status === "scheduled") message = "已安排定时发布，到时自动公开。";
  else if (done === "published" && status === "published") {
    message = (
      <>
        已发布，<Link href={publicHref}>查看公开页面</Link>。
      </>
    );
  }
  if (!message) return null;
  return (
    <p role="status" className="mb-4 rounded border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900">
      {message}
    </p>
  );
}
