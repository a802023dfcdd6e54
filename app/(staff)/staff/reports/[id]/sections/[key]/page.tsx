import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReportEditor } from "@/components/editor/report-editor";
import { buttonLinkClass } from "@/components/ui/button";
import { REVIEW_COPY_STATUSES } from "@/lib/document/review-copy";
import { CommentThread } from "@/components/review/comment-thread";
import { sectionLabel } from "@/components/editor/section-nav";
import { getReportForEditing } from "@/lib/data/reports";
import { getReviewData } from "@/lib/data/workflow";
import { loadOrNotFound } from "@/lib/load";
import { checkCopiedTextAction, setSectionCompletedAction, touchPresenceAction } from "../../actions";
import { addCommentAction, resolveCommentAction } from "../../review/actions";
import { ReportHeader } from "../../report-header";
import { TitleField } from "../../title-field";

export const metadata: Metadata = { title: "编写年度报告" };

export default async function SectionPage({ params }: { params: Promise<{ id: string; key: string }> }) {
  const { id, key } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const [report, review] = await Promise.all([loadOrNotFound(getReportForEditing(Number(id))), loadOrNotFound(getReviewData(Number(id)))]);
  const section = report.sections.find((s) => s.key === key);
  if (!section) notFound();
  const comments = review.comments.filter((c) => c.sectionKey === key);
  const openComments: Record<string, number> = {};
  for (const c of review.comments) if (c.parentId === null && c.resolvedAt === null) openComments[c.sectionKey] = (openComments[c.sectionKey] ?? 0) + 1;
  return (
    <div data-report-workspace>
      <ReportHeader id={report.id} title={report.title} status={report.status} deadline={report.deadline} daysLeft={report.daysLeft} />
      {review.returnReason && report.status === "returned" && (
        <p role="alert" className="mb-4 rounded border border-red-300 bg-red-50 p-3 text-sm">
          报告已被退回修改。退回原因：{review.returnReason}
        </p>
      )}
      <nav aria-label="报告操作" className="mb-4 flex flex-wrap gap-3">
        {report.editable && (
          <Link href={`/staff/reports/${report.id}/submit`} className={buttonLinkClass("primary")}>
            提交审核
          </Link>
        )}
        <Link href={`/staff/reports/${report.id}/review`} className={buttonLinkClass("secondary")}>
          审核与意见
        </Link>
        {report.editable && (
          <Link href={`/staff/reports/${report.id}/import-word`} className={buttonLinkClass("secondary")}>
            从 Word 导入
          </Link>
        )}
        {REVIEW_COPY_STATUSES.includes(report.status) && (
          <a href={`/staff/reports/${report.id}/review-copy.docx`} className={buttonLinkClass("secondary")} download>
            导出 Word（审阅稿）
          </a>
        )}
        {report.summation && (
          <Link href={`/staff/reports/${report.id}/summation`} className={buttonLinkClass("secondary")}>
            {report.summation.started ? "汇总" : "开始汇总"}
          </Link>
        )}
      </nav>
      {report.editable && <TitleField reportId={report.id} title={report.title} />}
      <ReportEditor
        report={report}
        currentKey={key}
        openComments={openComments}
        actions={{ setCompleted: setSectionCompletedAction, touchPresence: touchPresenceAction, checkCopiedText: checkCopiedTextAction }}
      />
      {(comments.length > 0 || review.can.review) && (
        <div className="mt-6 lg:ml-[17.5rem]">
          <CommentThread
            reportId={report.id}
            sectionKey={key}
            sectionLabel={sectionLabel(section.heading)}
            comments={comments}
            canComment={review.can.comment}
            canRaise={review.can.raise}
            canResolve={review.can.resolve}
            add={addCommentAction}
            resolve={resolveCommentAction}
          />
        </div>
      )}
    </div>
  );
}
