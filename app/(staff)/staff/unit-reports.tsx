import Link from "next/link";
import type { WorkspaceReport } from "@/lib/data/reports";
import { REPORT_STATUS_LABELS } from "@/lib/vocabulary";
import { chinaDateTime } from "@/lib/time";

/** The unit's reports by year with progress, findings, last edit and deadline. */
export function UnitReports({ reports }: { reports: WorkspaceReport[] }) {
  if (reports.length === 0) return <p className="text-muted">本单位暂无年度报告。</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">本单位年度报告</caption>
        <thead className="bg-gray-50 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">年度</th>
            <th scope="col" className="px-3 py-2">状态</th>
            <th scope="col" className="px-3 py-2">完成情况</th>
            <th scope="col" className="px-3 py-2">检查结果</th>
            <th scope="col" className="px-3 py-2">最近编辑</th>
            <th scope="col" className="px-3 py-2">公开截止</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id} className="border-t border-line">
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <Link href={`/staff/reports/${r.id}`}>{r.year}年度报告</Link>
              </th>
              <td className="px-3 py-2">{REPORT_STATUS_LABELS[r.status]}</td>
              <td className="px-3 py-2">
                {r.status === "draft" || r.status === "returned" ? `${r.sectionsCompleted}/${r.sectionsTotal} 节已完成` : "—"}
              </td>
              <td className="px-3 py-2">
                <span className={r.errors ? "text-red-800" : ""}>{r.errors} 个错误</span>，
                <span className={r.warnings ? "text-amber-900" : ""}>{r.warnings} 个提醒</span>
                {r.blanks > 0 && <span className="text-muted">，未填 {r.blanks} 格</span>}
              </td>
              <td className="px-3 py-2">{r.lastEditedAt ? `${r.lastEditedBy ?? ""} ${chinaDateTime(r.lastEditedAt)}` : "—"}</td>
              <td className="px-3 py-2">
                {r.deadline}
                {r.status !== "published" && (
                  <span className={r.daysLeft < 0 ? "ml-1 text-red-800" : "ml-1 text-muted"}>
                    {r.daysLeft >= 0 ? `（还剩 ${r.daysLeft} 天）` : `（已逾期 ${-r.daysLeft} 天）`}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
