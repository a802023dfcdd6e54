import type { Metadata } from "next";
import Link from "next/link";
import { YearPicker } from "@/components/staff/year-picker";
import {
  getSupervisionOverview,
  OVERVIEW_STATUSES,
  viewerOverviewTitle,
  type SupervisionOverview,
  type OverviewRow,
  type OverviewShow,
  type OverviewSort,
} from "@/lib/data/overview";
import { loadOrNotFound } from "@/lib/load";
import { LATENESS_LABELS, OVERVIEW_STATUS_LABELS, overviewItemLabel, overviewRowCells } from "@/components/staff/overview-rows-html";
import { OverviewRows } from "@/components/staff/overview-rows";
import { OverviewRegions, OverviewScopeTrail, overviewHref } from "@/components/staff/overview-regions";
import { Pagination } from "@/components/public/pagination";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await viewerOverviewTitle()) ?? "下级单位总览" };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Read-only: every subordinate unit's report for the chosen year, for the staff of a province, city or county. */
export default async function SupervisionOverviewPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const overview = await loadOrNotFound(
    getSupervisionOverview({
      year: first(params.year),
      sort: first(params.sort),
      order: first(params.order),
      under: first(params.under),
      page: first(params.page),
      show: first(params.show),
    }),
  );
  const { year, rows, counts, lateCounts, showParents, under, show } = overview;
  const showHref = (item: OverviewShow | null) => overviewHref({ year, under, show: item, sort: overview.sort, order: overview.order });
  const showLabel = show === null ? null : overviewItemLabel(show);
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">{overview.title}</h1>
      <p className="mb-2 text-muted">
        {overview.unitName}
        {under ? "及其" : ""}下属各单位{year}年度政府信息公开工作年度报告的编制和公开情况（只读）。
      </p>
      <p className="mb-6">
        <Link href={`/staff/reporting-list?${new URLSearchParams({ year: String(year) })}`}>报送单位名单</Link>
        <span className="ml-2 text-sm text-muted">哪些下级单位须单独编制和公开年度报告</span>
      </p>

      <OverviewScopeTrail scope={overview.scope} year={year} show={show} />
      <YearPicker
        year={year}
        years={overview.years}
        keep={{ sort: overview.sort, order: overview.order, ...(under ? { under: String(under) } : {}), ...(show ? { show } : {}) }}
      />

      <section aria-labelledby="summary-heading" className="mb-6 rounded border border-line bg-white p-4">
        <h2 id="summary-heading" className="mb-3 text-lg font-semibold">
          {year}年度汇总（{under ? `${overview.unitName}，` : ""}共 {overview.total} 个单位）
        </h2>
        <ul aria-label="各状态单位数" className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4 lg:grid-cols-5">
          {OVERVIEW_STATUSES.map((status) => (
            <SummaryItem key={status} label={OVERVIEW_STATUS_LABELS[status]} count={counts[status]} href={showHref(status)} active={show === status} />
          ))}
          <SummaryItem label={LATENESS_LABELS.overdue} count={lateCounts.overdue} href={showHref("overdue")} active={show === "overdue"} alert />
          <SummaryItem
            label={LATENESS_LABELS.published_late}
            count={lateCounts.published_late}
            href={showHref("published_late")}
            active={show === "published_late"}
            alert
          />
        </ul>
        <p className="mt-2 text-sm text-muted">点击某一项，下方单位列表只显示该类单位。</p>
      </section>

      <OverviewRegions
        regions={overview.regions}
        directUnits={overview.directUnits}
        unitName={overview.unitName}
        year={year}
        show={show}
        listsItself={under !== null}
      />

      {showLabel && (
        <p className="mb-2 text-sm">
          只显示「{showLabel}」的单位，共 {overview.shownCount} 个。
          <Link href={showHref(null)} className="ml-2">
            显示全部单位
          </Link>
        </p>
      )}

      <div className="overflow-x-auto rounded border border-line bg-white">
        {/*
          The rows' styles are set once here, not on each row: a city's table has hundreds of rows
          (components/staff/overview-rows.tsx). 是否逾期 (5th cell), 备案 (6th) and 上级 (7th) are muted.
        */}
        <table className="w-full text-sm [&_tbody_td]:px-3 [&_tbody_td]:py-2 [&_tbody_td:nth-child(n+5)]:text-muted [&_tbody_th]:px-3 [&_tbody_th]:py-2 [&_tbody_th]:text-left [&_tbody_th]:font-normal [&_tbody_tr]:border-t [&_tbody_tr]:border-line">
          <caption className="sr-only">
            {year}年度各单位年度报告情况{showLabel ? `（${showLabel}）` : ""}
            {overview.pageCount > 1 ? `（第 ${overview.page} 页，共 ${overview.pageCount} 页）` : ""}
          </caption>
          <thead className="bg-gray-50 text-left">
            <tr>
              <SortableHeader overview={overview} column="unit" label="单位" />
              <SortableHeader overview={overview} column="status" label="状态" />
              <SortableHeader overview={overview} column="publishedAt" label="发布日期" />
              <th scope="col" className="px-3 py-2">公开截止</th>
              <th scope="col" className="px-3 py-2">是否逾期</th>
              <th scope="col" className="px-3 py-2">备案</th>
              {showParents && <th scope="col" className="px-3 py-2">上级</th>}
            </tr>
          </thead>
          <OverviewRows
            rows={rows.map(overviewRowCells)}
            showParents={showParents}
            emptyText={showLabel ? `没有「${showLabel}」的单位。` : undefined}
          />
        </table>
      </div>
      <Pagination
        page={overview.page}
        pageCount={overview.pageCount}
        path="/staff/overview"
        params={{ year, under, show, sort: overview.sort, order: overview.order }}
      />
      {overview.offList.length > 0 && <OffListUnits rows={overview.offList} />}
      <p className="mt-3 text-sm text-muted">
        单位名称带链接的，点击即可阅读其已公开的年度报告。“逾期未发布”：已过公开截止日期，仍没有公开的年度报告（未开始、未发布或已撤回）；“逾期发布”：首次发布晚于截止日期。
      </p>
    </>
  );
}

/** Units left out of their supervisor's 报送单位名单 for the year: shown with the reason, never counted as overdue. */
function OffListUnits({ rows }: { rows: OverviewRow[] }) {
  return (
    <section aria-labelledby="off-list-heading" className="mt-6 rounded border border-line bg-white p-4">
      <h2 id="off-list-heading" className="mb-1 text-lg font-semibold">
        不在报送名单的单位（{rows.length} 个）
      </h2>
      <p className="mb-3 text-sm text-muted">这些单位不单独编制年度报告，不计入上方汇总，也不计为逾期。</p>
      <ul aria-label="不在报送名单的单位" className="space-y-1 text-sm">
        {rows.map((row) => (
          <li key={row.unitId}>
            <span className="font-medium">{row.unitName}</span>
            <span className="ml-2">{row.offListReason ? `不在报送名单（${row.offListReason}）` : "不在报送名单"}</span>
            <span className="ml-2 text-muted">
              报告状态：{OVERVIEW_STATUS_LABELS[row.status]}
              {row.parentName ? `；上级：${row.parentName}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A status (or lateness) and its count; a link that narrows the units table to it. */
function SummaryItem({ label, count, href, active, alert = false }: { label: string; count: number; href: string; active: boolean; alert?: boolean }) {
  const emphasis = alert && count > 0;
  return (
    <li
      className={`rounded border ${emphasis ? "border-red-300 bg-red-50 text-red-900" : "border-line"} ${active ? "outline-2 outline-offset-1 outline-gov-red" : ""}`}
    >
      <Link href={href} aria-current={active ? "true" : undefined} className="block px-3 py-2 text-inherit no-underline hover:underline">
        <span>{label}</span> <strong className="text-lg">{count}</strong>
      </Link>
    </li>
  );
}

function SortableHeader({ overview, column, label }: { overview: SupervisionOverview; column: OverviewSort; label: string }) {
  const sorted = overview.sort === column;
  const nextOrder = sorted && overview.order === "asc" ? "desc" : "asc";
  const href = overviewHref({ year: overview.year, under: overview.under, show: overview.show, sort: column, order: nextOrder });
  return (
    <th scope="col" className="px-3 py-2" aria-sort={sorted ? (overview.order === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={href} className="text-ink">
        {label}
        {sorted && <span aria-hidden="true">{overview.order === "asc" ? " ▲" : " ▼"}</span>}
      </Link>
    </th>
  );
}
