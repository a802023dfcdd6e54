import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReportDocumentView, summarizeFindings } from "@/components/report";
import { getReportPreview } from "@/lib/data/reports";
import { loadOrNotFound } from "@/lib/load";
import { reportPath } from "@/lib/public/site-url";

export const metadata: Metadata = { title: "预览全文" };

/** The report exactly as the public page will show it (same components), marked as a draft. */
export default async function PreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const preview = await loadOrNotFound(getReportPreview(Number(id)));
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href={`/staff/reports/${id}`}>返回编辑</Link>
      </p>
      <div className="rounded border border-line bg-white p-6">
        <ReportDocumentView
          document={preview.document}
          mode="preview"
          findingsSummary={summarizeFindings(preview.findings)}
          status={preview.status}
          publicHref={preview.live ? reportPath(Number(id)) : undefined}
        />
      </div>
    </>
  );
}
