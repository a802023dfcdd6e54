import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getReportForEditing } from "@/lib/data/reports";
import { loadOrNotFound } from "@/lib/load";
import { MAX_WORD_FILE_BYTES } from "@/lib/word-import/limits";
import { ReportHeader } from "../report-header";
import { WordImportForm } from "./word-import-form";

export const metadata: Metadata = { title: "从 Word 导入" };

/** 「从 Word 导入」: upload last year's (or this year's) Word file, compare, confirm. Clerks of the unit, drafts only. */
export default async function ImportWordPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const report = await loadOrNotFound(getReportForEditing(Number(id)));
  return (
    <div>
      <ReportHeader id={report.id} title={report.title} status={report.status} deadline={report.deadline} daysLeft={report.daysLeft} />
      <p className="mb-4 text-sm">
        <Link href={`/staff/reports/${report.id}`}>返回编辑</Link>
      </p>
      <h2 className="mb-2 text-xl font-semibold">从 Word 导入</h2>
      {report.editable ? (
        <WordImportForm reportId={report.id} format={report.format} maxBytes={MAX_WORD_FILE_BYTES} />
      ) : (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm">
          该报告已提交或已发布，不能再导入内容。
        </p>
      )}
    </div>
  );
}
