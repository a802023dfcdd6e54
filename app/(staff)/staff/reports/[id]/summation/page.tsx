import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getSummationView } from "@/lib/data/summation";
import { loadOrNotFound } from "@/lib/load";
import { chinaDateTime } from "@/lib/time";
import { REPORT_STATUS_LABELS } from "@/lib/vocabulary";
import { OwnFiguresForm, OwnFiguresView } from "./own-figures-form";
import { StartSummationButton } from "./start-summation-button";
import { SummationResult } from "./summation-result";
import { SummationUnits } from "./summation-units";

export const metadata: Metadata = { title: "汇总" };

/**
 * 汇总 (issue 14): a supervising unit's report whose tables add up its own figures and those of
 * every unit on its reporting list. The clerk enters the own figures, marks units without a
 * report 「暂缺」, and sums; a cell of the result opens its breakdown by unit.
 */
export default async function SummationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const view = await loadOrNotFound(getSummationView(Number(id)));
  return (
    <div>
      <header className="mb-6 border-b border-line pb-4">
        <p className="text-sm">
          <Link href="/staff">工作台</Link> / <Link href={`/staff/reports/${view.reportId}`}>年度报告 #{view.reportId}</Link> / 汇总
        </p>
        <h1 className="mt-1 text-2xl font-semibold">汇总：{view.title}</h1>
        <p className="mt-1 text-sm text-muted">
          状态：{REPORT_STATUS_LABELS[view.status]} · {view.summedAt ? `上次汇总：${chinaDateTime(view.summedAt)}${view.summedBy ? `（${view.summedBy}）` : ""}` : "尚未汇总"}
        </p>
      </header>
      <p className="mb-4 max-w-3xl text-sm text-muted">
        本报告第二、三、四部分的统计表按格相加：本级数据，加上{view.year}年度报送单位名单内每个单位已发布的年报（尚未发布的，取已备案的年报）。下级单位的报告本身是汇总报告的，其数据已包含其下级单位，只计一次。
        <Link href={`/staff/reporting-list?year=${view.year}`} className="ml-1">查看报送单位名单</Link>
      </p>
      {view.readOnlyReason && (
        <p role="note" className="mb-4 rounded border border-line bg-gray-50 px-3 py-2 text-sm">
          {view.readOnlyReason}
        </p>
      )}
      {!view.started ? (
        <section aria-labelledby="start-heading" className="rounded border border-line bg-white p-4">
          <h2 id="start-heading" className="mb-2 text-lg font-semibold">开始汇总</h2>
          <p className="mb-4 text-sm">
            开始汇总后，报告中现有的表格数据作为本级数据保存；统计表改由汇总生成，编辑页面中不能再直接修改。
          </p>
          {view.canEdit ? <StartSummationButton reportId={view.reportId} /> : <p className="text-sm text-muted">本报告尚未开始汇总。</p>}
        </section>
      ) : (
        <div className="space-y-8">
          {view.canEdit ? (
            <OwnFiguresForm reportId={view.reportId} format={view.format} ownTables={view.ownTables} />
          ) : (
            <OwnFiguresView format={view.format} ownTables={view.ownTables} />
          )}
          <SummationUnits reportId={view.reportId} year={view.year} units={view.units} canEdit={view.canEdit} />
          <SummationResult view={view} />
          <section aria-labelledby="export-heading" className="rounded border border-line bg-white p-4">
            <h2 id="export-heading" className="mb-2 text-lg font-semibold">导出</h2>
            <p className="mb-3 text-sm text-muted">按当前汇总结果导出，报送上级时使用：Excel 工作簿每张统计表一页，另有「分单位明细」一页；CSV 为分单位明细。</p>
            <p className="flex flex-wrap gap-3">
              <a href={`/staff/reports/${view.reportId}/summation/summation.xlsx`} download>
                导出 Excel（.xlsx）
              </a>
              <a href={`/staff/reports/${view.reportId}/summation/summation.csv`} download>
                导出 CSV
              </a>
            </p>
          </section>
        </div>
      )}
    </div>
  );
}
