import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReportDocumentView, summarizeFindings } from "@/components/report";
import { CommentThread } from "@/components/review/comment-thread";
import { DocumentChanges } from "@/components/review/document-changes";
import { sectionLabel } from "@/components/editor/section-nav";
import { buttonLinkClass } from "@/components/ui/button";
import { REVIEW_COPY_STATUSES } from "@/lib/document/review-copy";
import { getReportForEditing } from "@/lib/data/reports";
import { getReviewData, listReportReviewers } from "@/lib/data/workflow";
import { loadOrNotFound } from "@/lib/load";
import { reportPath } from "@/lib/public/site-url";
import { ReportHeader } from "../report-header";
import { addCommentAction, resolveCommentAction } from "./actions";
import { ActionDone } from "./action-done";
import { WorkflowPanel } from "./workflow-panel";
import { chinaDate, chinaDateTime } from "@/lib/time";

export const metadata: Metadata = { title: "审核与意见" };

export default async function ReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const query = await searchParams;
  const [review, editor] = await Promise.all([loadOrNotFound(getReviewData(Number(id))), loadOrNotFound(getReportForEditing(Number(id)))]);
  const done = query.submitted === "1" ? "submitted" : typeof query.done === "string" ? query.done : null;
  const reviewers = done === "submitted" ? await loadOrNotFound(listReportReviewers(review.reportId)) : [];
  const today = chinaDate(new Date());
  const errors = review.findings.filter((f) => f.severity === "error");
  const action = buttonLinkClass("secondary");
  // The clerk's review column holds only the comment threads there are.
  const hasReviewColumn = review.can.review || review.comments.length > 0;
  return (
    <div data-report-workspace>
      <ReportHeader id={review.reportId} title={review.title} status={review.status} deadline={editor.deadline} daysLeft={editor.daysLeft} />
      <ActionDone done={done} status={review.status} reviewers={reviewers} publicHref={reportPath(review.reportId)} />
      <nav aria-label="报告操作" className="mb-6 flex flex-wrap items-center gap-3">
        <Link href={`/staff/reports/${id}`} className={action}>
          {review.can.submit ? "编辑报告" : "查看各节"}
        </Link>
        {review.can.submit && (
          <Link href={`/staff/reports/${id}/submit`} className={buttonLinkClass("primary")}>
            提交审核
          </Link>
        )}
        <Link href={`/staff/reports/${id}/preview`} className={action}>
          预览全文
        </Link>
        <Link href={`/staff/reports/${id}/history`} className={action}>
          历史记录
        </Link>
        {REVIEW_COPY_STATUSES.includes(review.status) && (
          <a href={`/staff/reports/${id}/review-copy.docx`} className={action} download>
            导出 Word（审阅稿）
          </a>
        )}
        {editor.summation?.started && (
          <Link href={`/staff/reports/${id}/summation`} className={action}>
            汇总
          </Link>
        )}
        {review.approval && (
          <Link href={`/staff/reports/${id}/sign-off`} className={action}>
            审签单
          </Link>
        )}
        {review.indexNo && <span className="text-sm">索引号：{review.indexNo}</span>}
      </nav>
      {review.approval && review.status !== "submitted" && review.status !== "draft" && review.status !== "returned" && (
        <p className="mb-4 rounded border border-green-300 bg-green-50 p-3 text-sm" role="note">
          审核意见：{review.approval.opinion}（{review.approval.by}，{review.approval.at ? chinaDateTime(review.approval.at) : ""}；成文日期 {review.approval.writtenOn}）
        </p>
      )}
      {/* From 1280 px the review column sits beside the report, narrow enough to leave tables 三 and 四 their full width. */}
      <div className={`grid gap-6 ${hasReviewColumn ? "xl:grid-cols-[minmax(0,1fr)_20rem]" : ""}`}>
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="check-heading" className="rounded border border-line bg-white p-4">
            <h2 id="check-heading" className="mb-2 text-lg font-semibold">
              检查结果：{errors.length} 个错误，{review.findings.length - errors.length} 个提醒
            </h2>
            {review.explanations.length > 0 && (
              <ul className="space-y-2 text-sm" data-testid="explanations">
                {review.explanations.map((e, i) => (
                  <li key={i} className="rounded bg-amber-50 p-2">
                    <p className="text-amber-900">提醒：{e.finding.message}</p>
                    <p>填报员说明：{e.explanation}</p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {review.previousReview && (review.status === "submitted" || review.status === "returned") && (
            <DocumentChanges title="与上次审核版本对比" before={review.previousReview} after={review.document} testId="changes-since-review" />
          )}
          {review.isCorrection && review.published && (
            <DocumentChanges title="与已发布版本对比" before={review.published} after={review.document} testId="changes-since-published" />
          )}
          <div className="rounded border border-line bg-white p-6">
            <ReportDocumentView
              document={review.document}
              mode="preview"
              findingsSummary={summarizeFindings(review.findings)}
              status={review.status}
              publicHref={review.published ? reportPath(review.reportId) : undefined}
            />
          </div>
        </div>
        {hasReviewColumn && (
          <aside className="space-y-4">
            <WorkflowPanel
              reportId={review.reportId}
              status={review.status}
              canReview={review.can.review}
              canApprove={review.can.approve}
              isCorrection={review.isCorrection}
              isLive={review.published !== null}
              scheduledAt={review.scheduledAt ? chinaDateTime(review.scheduledAt) : null}
              today={today}
              filedWith={review.filedWith}
            />
            {editor.sections.map((section) => {
              const comments = review.comments.filter((c) => c.sectionKey === section.key);
              // The clerk sees the threads there are; empty boxes for new comments are the leader's.
              if (!review.can.raise && comments.length === 0) return null;
              return (
                <CommentThread
                  key={section.key}
                  reportId={review.reportId}
                  sectionKey={section.key}
                  sectionLabel={sectionLabel(section.heading)}
                  comments={comments}
                  canComment={review.can.comment}
                  canRaise={review.can.raise}
                  canResolve={review.can.resolve}
                  add={addCommentAction}
                  resolve={resolveCommentAction}
                />
              );
            })}
          </aside>
        )}
      </div>
    </div>
  );
}
