import type { Metadata } from "next";
import Link from "next/link";
import { buttonLinkClass } from "@/components/ui/button";
import { YearPicker } from "@/components/staff/year-picker";
import { getCountyCheckup, type CheckupRow, type CheckupSort, type CountyCheckup } from "@/lib/data/checkup";
import { loadOrNotFound } from "@/lib/load";
import { REPORT_STATUS_LABELS } from "@/lib/vocabulary";

export const metadata: Metadata = { title: "年报体检" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * 年报体检 for county-level staff: every report of the chosen year (or of every year, imported
 * archives included) of every subordinate unit, with its errors, its warnings by rule, its most
 * copied section and whether it was late.
 */
export default async function CountyCheckupPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const checkup = await loadOrNotFound(getCountyCheckup({ year: first(params.year), sort: first(params.sort), order: first(params.order) }));
  const { rows } = checkup;
  const query = new URLSearchParams({ year: String(checkup.year), sort: checkup.sort, order: checkup.order });
  const yearWords = checkup.year === "all" ? "历年" : `${checkup.year}年度`;
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">年报体检</h1>
      <p className="mb-4 text-muted">
        {checkup.unitName}下属各单位{yearWords}政府信息公开工作年度报告的检查结果，包括导入的历史报告。检查内容与填报员编辑时看到的相同：
        表格数据、正文与表格是否一致、与上年报告或其他单位报告是否雷同（达到 {checkup.copiedThreshold}% 即提醒）、内容是否单薄、数据变化是否异常、是否残留模板文字。
      </p>
      <YearPicker year={checkup.year} years={checkup.years} keep={{ sort: checkup.sort, order: checkup.order }} allYears="全部年度" />
      <p className="mb-6">
        <a href={`/staff/checkup/checkup.csv?${query}`} className={buttonLinkClass("secondary")} download>
          导出 CSV
        </a>
      </p>
      <div className="overflow-x-auto rounded border border-line bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">
            各单位{yearWords}报告体检结果（共 {rows.length} 份报告）
          </caption>
          <thead className="bg-gray-50 text-left">
            <tr>
              <SortableHeader checkup={checkup} column="unit" label="单位" />
              <SortableHeader checkup={checkup} column="year" label="年度" />
              <th scope="col" className="px-3 py-2">状态</th>
              <SortableHeader checkup={checkup} column="errors" label="错误" />
              <SortableHeader checkup={checkup} column="warnings" label="提醒（未说明）" />
              <SortableHeader checkup={checkup} column="copied" label="最高雷同比例" />
              <SortableHeader checkup={checkup} column="late" label="是否逾期" />
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-muted">
                  {checkup.year === "all" ? "下级单位还没有年度报告。" : `下级单位还没有${checkup.year}年度的报告。`}
                </td>
              </tr>
            )}
            {rows.map((row) => (
              <CheckupTableRow key={row.reportId} row={row} checkup={checkup} />
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 text-sm text-muted">
        “未说明”：填报员提交审核时没有填写说明的提醒（草稿和导入的报告中的提醒都未说明）。雷同比例：某一部分的文字与本单位上年报告同一部分、或与其他单位同年已公开报告相同的比例，取最高的一处。
      </p>
    </>
  );
}

function CheckupTableRow({ row, checkup }: { row: CheckupRow; checkup: CountyCheckup }) {
  const threshold = checkup.copiedThreshold;
  const rules = checkup.warningRules.filter((r) => row.warnings[r.id]);
  return (
    <tr className="border-t border-line align-top">
      <th scope="row" className="px-3 py-2 text-left font-normal">
        {row.unitName}
        {row.offListReason !== null && (
          <span className="block text-xs text-muted">不在报送单位名单{row.offListReason ? `（${row.offListReason}）` : ""}，不计逾期</span>
        )}
      </th>
      <td className="px-3 py-2 whitespace-nowrap">{row.year}年</td>
      <td className="px-3 py-2 whitespace-nowrap">
        {REPORT_STATUS_LABELS[row.status]}
        {row.imported && <span className="text-muted">（导入）</span>}
      </td>
      <td className={`px-3 py-2 ${row.errors > 0 ? "font-semibold text-red-800" : ""}`}>
        {row.errors}
        {row.blanks > 0 && <span className="block text-xs font-normal text-muted">未填 {row.blanks} 格</span>}
      </td>
      <td className="px-3 py-2">
        {row.warningCount === 0 ? (
          <span className="text-muted">无</span>
        ) : (
          <>
            <span className={row.openWarningCount > 0 ? "font-semibold text-amber-900" : ""}>
              {row.warningCount} 条（未说明 {row.openWarningCount} 条）
            </span>
            <ul className="mt-1 text-xs text-muted">
              {rules.map((r) => (
                <li key={r.id}>
                  {r.title}：{row.warnings[r.id]!.total} 条{row.warnings[r.id]!.open < row.warnings[r.id]!.total && `，已说明 ${row.warnings[r.id]!.total - row.warnings[r.id]!.open} 条`}
                </li>
              ))}
            </ul>
          </>
        )}
      </td>
      <td className="px-3 py-2">
        {row.topCopied ? (
          <>
            <span className={row.topCopied.percent >= threshold ? "font-semibold text-amber-900" : ""}>{row.topCopied.percent}%</span>
            <span className="block text-xs text-muted">
              {row.topCopied.sectionHeading || "引言"}，与{row.topCopied.sourceLabel}
            </span>
          </>
        ) : (
          <span className="text-muted">—</span>
        )}
      </td>
      <td className="px-3 py-2">
        {row.late === "overdue" ? (
          <strong className="font-semibold text-red-800">逾期未发布（{row.daysLate} 天）</strong>
        ) : row.late === "published_late" ? (
          <strong className="font-semibold text-amber-900">逾期发布（晚 {row.daysLate} 天）</strong>
        ) : (
          <span className="text-muted">否</span>
        )}
      </td>
    </tr>
  );
}

function SortableHeader({ checkup, column, label }: { checkup: CountyCheckup; column: CheckupSort; label: string }) {
  const sorted = checkup.sort === column;
  // Counts and shares read best largest first.
  const firstOrder = column === "unit" ? "asc" : "desc";
  const nextOrder = sorted ? (checkup.order === "asc" ? "desc" : "asc") : firstOrder;
  const href = `/staff/checkup?${new URLSearchParams({ year: String(checkup.year), sort: column, order: nextOrder })}`;
  return (
    <th scope="col" className="px-3 py-2 whitespace-nowrap" aria-sort={sorted ? (checkup.order === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={href} className="text-ink">
        {label}
        {sorted && <span aria-hidden="true">{checkup.order === "asc" ? " ▲" : " ▼"}</span>}
      </Link>
    </th>
  );
}
