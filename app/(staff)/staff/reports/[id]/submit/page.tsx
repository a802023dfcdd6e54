import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { sectionLabel } from "@/components/editor/section-nav";
import { getReportForEditing, getReportPreview } from "@/lib/data/reports";
import { listReportReviewers } from "@/lib/data/workflow";
import { loadOrNotFound } from "@/lib/load";
import { completionRefusal, findingTableId } from "@/lib/report-editing";
import { getRuleInfo } from "@/lib/rules";
import { findingKey } from "@/lib/validations/workflow";
import { ReportHeader } from "../report-header";
import { SubmitForm } from "./submit-form";

export const metadata: Metadata = { title: "提交审核" };

const STATE_LABELS = { not_started: "未开始", editing: "编辑中", completed: "已完成" } as const;

/**
 * 提交审核 as a checklist: every section with its state, the errors that block submission, each
 * warning with what it checks and a box for the clerk's explanation, who will review — then the button.
 */
export default async function SubmitPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const [report, preview, reviewers] = await Promise.all([
    loadOrNotFound(getReportForEditing(Number(id))),
    loadOrNotFound(getReportPreview(Number(id))),
    loadOrNotFound(listReportReviewers(Number(id))),
  ]);
  const errors = preview.findings.filter((f) => f.severity === "error");
  const warnings = preview.findings.filter((f) => f.severity === "warning");
  const unfinished = report.sections.filter((s) => !s.completed);
  const blocked = !report.editable || errors.length > 0 || unfinished.length > 0;
  return (
    <>
      <ReportHeader id={report.id} title={report.title} status={report.status} deadline={report.deadline} daysLeft={report.daysLeft} />
      <h2 className="mb-4 text-xl font-semibold">提交审核</h2>
      {!report.editable && <p role="note">该报告当前不能提交（状态：已提交或已发布）。</p>}
      <ol className="space-y-6">
        <li>
          <section aria-labelledby="check-sections" className="rounded border border-line bg-white p-4 text-sm">
            <h3 id="check-sections" className="mb-2 font-semibold">
              1. 各部分（已完成 {report.sections.length - unfinished.length}/{report.sections.length}）
            </h3>
            <ul aria-label="各部分状态" className="divide-y divide-line">
              {report.sections.map((s) => {
                const own = s.kind === "table" ? errors.filter((f) => findingTableId(f) === s.tableId).length : 0;
                const problem = s.completed ? null : completionRefusal(s, errors);
                return (
                  <li key={s.key} className="flex flex-wrap items-baseline gap-x-3 py-2">
                    <Link href={`/staff/reports/${report.id}/sections/${s.key}`} className="min-w-[14rem]">
                      {sectionLabel(s.heading)}
                    </Link>
                    <span className={s.completed ? "text-green-800" : "text-red-800"}>{STATE_LABELS[s.state]}</span>
                    {own > 0 && <span className="text-red-800">错误 {own}</span>}
                    {problem && <span className="text-muted">{problem}</span>}
                  </li>
                );
              })}
            </ul>
            {unfinished.length > 0 && <p className="mt-2 font-medium text-red-800">还有 {unfinished.length} 个部分未标记为已完成，全部完成后才能提交。</p>}
          </section>
        </li>
        <li>
          <section aria-labelledby="check-errors" className={`rounded border p-4 text-sm ${errors.length > 0 ? "border-red-300 bg-red-50" : "border-line bg-white"}`}>
            <h3 id="check-errors" className="mb-2 font-semibold">
              2. 错误（须全部改正）
            </h3>
            {errors.length === 0 ? (
              <p className="text-green-800">没有错误。</p>
            ) : (
              <>
                <p className="font-medium">报告还有 {errors.length} 个错误，须全部改正后才能提交：</p>
                <ul className="ml-5 list-disc" data-testid="blocking-errors">
                  {errors.slice(0, 50).map((f, i) => (
                    <li key={i}>{f.message}</li>
                  ))}
                </ul>
                {errors.length > 50 && <p className="mt-1 text-muted">另有 {errors.length - 50} 个错误未列出。</p>}
              </>
            )}
          </section>
        </li>
        <li>
          <section aria-labelledby="check-reviewers" className="rounded border border-line bg-white p-4 text-sm">
            <h3 id="check-reviewers" className="mb-2 font-semibold">
              3. 审核人
            </h3>
            {reviewers.length > 0 ? (
              <p>提交后由本单位审核领导 {reviewers.join("、")} 审核，审核人会收到通知。</p>
            ) : (
              <p className="text-red-800">本单位还没有审核领导账号，提交后无人审核。请联系系统管理员添加。</p>
            )}
          </section>
        </li>
        <li>
          <section aria-labelledby="check-warnings" className="text-sm">
            <h3 id="check-warnings" className="mb-2 font-semibold">
              4. 提醒与说明{warnings.length === 0 && "：没有提醒"}
            </h3>
            <SubmitForm
              reportId={report.id}
              blocked={blocked}
              warnings={warnings.map((w) => ({ key: findingKey(w), message: w.message, rule: getRuleInfo(w.ruleId)?.title ?? null }))}
            />
          </section>
        </li>
      </ol>
    </>
  );
}
