import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReportDocumentView } from "@/components/report";
import { getFiling } from "@/lib/data/filings";
import { decisionLabel } from "@/lib/filing";
import { loadOrNotFound } from "@/lib/load";
import { chinaDateTime } from "@/lib/time";
import { FILING_MODE_LABELS, type ReportStatus } from "@/lib/vocabulary";
import { FilingDecision } from "./filing-decision";

export const metadata: Metadata = { title: "年报备案" };

/**
 * One filed report, as filed (the document handed over, never the unit's working draft), with
 * the clerk's 备案通过 / 退回 or 确认备案.
 */
export default async function FilingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const filing = await loadOrNotFound(getFiling(Number(id)));
  // The preview marker states where the filed report stands.
  const status: ReportStatus =
    filing.mode === "after_publication" ? "published" : filing.status === "pending" ? "filing" : filing.status === "returned" ? "returned" : "approved";
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/staff/filings">返回年报备案</Link>
      </p>
      <h1 className="mb-2 text-2xl font-semibold">
        {filing.unitName}
        {filing.year}年度报告备案
      </h1>
      <dl className="mb-6 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted">备案方式</dt>
        <dd>
          {FILING_MODE_LABELS[filing.mode]}
          {filing.edition !== null && `（第 ${filing.edition} 版）`}
        </dd>
        <dt className="text-muted">报送时间</dt>
        <dd>{chinaDateTime(filing.filedAt)}</dd>
        <dt className="text-muted">办理情况</dt>
        <dd>
          {decisionLabel(filing)}
          {filing.decidedAt && `（${chinaDateTime(filing.decidedAt)}${filing.decidedBy ? `，${filing.decidedBy}` : ""}）`}
          {filing.note && `：${filing.note}`}
        </dd>
      </dl>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 rounded border border-line bg-white p-6">
          <ReportDocumentView document={filing.document} mode="preview" status={status} />
        </div>
        <aside className="space-y-4">
          {filing.status === "pending" && filing.canDecide && <FilingDecision filingId={filing.id} mode={filing.mode} />}
          {filing.status === "pending" && !filing.canDecide && (
            <p className="rounded border border-line bg-white p-4 text-sm" role="note">
              备案由本单位填报员办理，您可以查看。
            </p>
          )}
        </aside>
      </div>
    </>
  );
}
