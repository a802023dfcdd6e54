import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getReportForEditing, getReportPreview } from "@/lib/data/reports";
import { loadOrNotFound } from "@/lib/load";
import { findingKey } from "@/lib/validations/workflow";
import { ReportHeader } from "../report-header";
import { SubmitForm } from "./submit-form";

export const metadata: Metadata = { title: "提交审核" };

/** 提交审核: blocked by errors and unfinished sections; each warning needs an explanation. */
export default async function SubmitPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const [report, preview] = await Promise.all([loadOrNotFound(getReportForEditing(Number(id))), loadOrNotFound(getReportPreview(Number(id)))]);
  const errors = preview.findings.filter((f) => f.severity === "error");
  const warnings = preview.findings.filter((f) => f.severity === "warning");
  const unfinished = report.sections.filter((s) => !s.completed);
  const blocked = !report.editable || errors.length > 0 || unfinished.length > 0;
  return (
    <>
      <ReportHeader id={report.id} title={report.title} status={report.status} deadline={report.deadline} daysLeft={report.daysLeft} />
      <h2 className="mb-4 text-xl font-semibold">提交审核</h2>
      {!report.editable && <p role="note">该报告当前不能提交（状态：已提交或已发布）。</p>}
      {unfinished.length > 0 && (
        <section className="mb-4 rounded border border-red-300 bg-red-50 p-4 text-sm" aria-label="未完成的节">
          <p className="font-medium">以下各节尚未标记为已完成：</p>
          <ul className="ml-5 list-disc">
            {unfinished.map((s) => (
              <li key={s.key}>
                <Link href={`/staff/reports/${report.id}/sections/${s.key}`}>{s.heading || "导语"}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {errors.length > 0 && (
        <section className="mb-4 rounded border border-red-300 bg-red-50 p-4 text-sm" aria-label="错误">
          <p className="font-medium">报告还有 {errors.length} 个错误，须全部改正后才能提交：</p>
          <ul className="ml-5 list-disc" data-testid="blocking-errors">
            {errors.slice(0, 50).map((f, i) => (
              <li key={i}>{f.message}</li>
            ))}
          </ul>
        </section>
      )}
      <SubmitForm
        reportId={report.id}
        blocked={blocked}
        warnings={warnings.map((w) => ({ key: findingKey(w), message: w.message }))}
      />
    </>
  );
}
