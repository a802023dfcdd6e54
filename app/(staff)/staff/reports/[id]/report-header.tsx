import Link from "next/link";
import { REPORT_STATUS_LABELS } from "@/lib/vocabulary";

interface ReportHeaderProps {
  id: number;
  title: string;
  status: keyof typeof REPORT_STATUS_LABELS;
  deadline: string;
  daysLeft: number;
}

/** Title, status and deadline above every screen of one report. */
export function ReportHeader({ id, title, status, deadline, daysLeft }: ReportHeaderProps) {
  return (
    <header className="mb-6 border-b border-line pb-4">
      <p className="text-sm">
        <Link href="/staff">工作台</Link> / 年度报告 #{id}
      </p>
      <h1 className="mt-1 text-2xl font-semibold">{title}</h1>
      <p className="mt-1 text-sm text-muted">
        状态：{REPORT_STATUS_LABELS[status]} · 公开截止日期 {deadline}
        {status !== "published" && (daysLeft >= 0 ? `（还剩 ${daysLeft} 天）` : `（已逾期 ${-daysLeft} 天）`)}
      </p>
    </header>
  );
}
