import Link from "next/link";
import type { AwaitingReview } from "@/lib/data/workflow";
import { chinaDateTime } from "@/lib/time";

/** 待我审核 on a leader's landing page: each submitted report with who submitted it and when. */
export function AwaitingMyReview({ reports }: { reports: AwaitingReview[] }) {
  return (
    <section aria-labelledby="awaiting-heading" className="mb-6 rounded border border-line bg-white p-6">
      <h2 id="awaiting-heading" className="mb-3 text-lg font-semibold">
        待我审核
      </h2>
      {reports.length === 0 ? (
        <p className="text-muted">目前没有等待您审核的报告。</p>
      ) : (
        <ul className="space-y-3">
          {reports.map((r) => (
            <li key={r.id} className="rounded border border-amber-300 bg-amber-50 px-4 py-3">
              <Link href={`/staff/reports/${r.id}/review`} className="font-medium">
                {r.title}
              </Link>
              <p className="mt-1 text-sm text-muted">
                {r.submittedBy ?? "填报员"}
                {r.submittedAt && ` 于 ${chinaDateTime(r.submittedAt)}`} 提交审核
                {!r.canApprove && "；您在本轮中提交或修改过这份报告，须由本单位其他审核领导批准"}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
