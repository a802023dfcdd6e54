import type { Metadata } from "next";
import { cache } from "react";
import { Breadcrumbs, HOME_CRUMB } from "@/components/public/breadcrumbs";
import { ColumnTitle } from "@/components/public/column-title";
import { Pagination } from "@/components/public/pagination";
import { ReportFilters } from "@/components/public/report-filters";
import { ReportList } from "@/components/public/report-list";
import { parseId, parsePage, parseYear, readingClassName, type SearchParamRecord } from "@/lib/public/url-params";
import { listPublicYears, listPublishedReports } from "@/lib/data/public/catalog";
import { publicUnitFilter } from "@/lib/data/public/regions";
import { regionParamOf } from "@/lib/public/unit-regions";
import { readingPreferencesOf } from "../reading-preferences";

interface ReportsPageProps {
  readonly searchParams: Promise<SearchParamRecord>;
}

/** The year list and the unit filter, read once for the page and its metadata. */
const filterChoices = cache((region: number | null, unit: number | null) => Promise.all([listPublicYears(), publicUnitFilter({ region, unit })]));

async function filtersOf(props: ReportsPageProps) {
  const searchParams = await props.searchParams;
  const [years, unitFilter] = await filterChoices(parseId(searchParams.region), parseId(searchParams.unit));
  return { searchParams, years, year: parseYear(searchParams.year), ...unitFilter };
}

export async function generateMetadata(props: ReportsPageProps): Promise<Metadata> {
  const { year, scope: unitScope } = await filtersOf(props);
  const scope = [unitScope.label, year ? `${year}年度` : null].filter(Boolean).join(" ");
  return {
    title: scope ? `政府信息公开年报 · ${scope}` : "政府信息公开年报",
    description: `${scope || "本县各级行政机关"}政府信息公开工作年度报告列表，可按年度和发布机构筛选。`,
  };
}

export default async function ReportsPage(props: ReportsPageProps) {
  const { searchParams, years, year, form, scope: unitScope } = await filtersOf(props);
  const page = parsePage(searchParams.page);
  const result = await listPublishedReports({ year, unitId: unitScope.unitId, unitIds: unitScope.unitIds, page });
  const prefs = await readingPreferencesOf(searchParams);
  const scope = [unitScope.label, year ? `${year}年度` : null].filter(Boolean).join(" · ");
  return (
    <div className={readingClassName(prefs)}>
      <Breadcrumbs items={[HOME_CRUMB, { label: "政府信息公开年报" }]} />
      <ColumnTitle level={1}>政府信息公开年报</ColumnTitle>
      <ReportFilters
        years={years.map((y) => ({ value: String(y.year), label: `${y.year}年度（${y.count}篇）` }))}
        year={year ? String(year) : ""}
        unitFilter={form}
      />
      <p className="mb-3 text-[0.95em] text-muted" role="status">
        {scope ? `${scope}：` : ""}共 {result.total} 篇年度报告
        {result.pageCount > 1 ? `，第 ${result.page} / ${result.pageCount} 页` : ""}
      </p>
      <ReportList items={result.items} headingLevel={2} emptyText="没有符合条件的年度报告。" />
      <Pagination page={result.page} pageCount={result.pageCount} path="/reports" params={{ year: year ?? undefined, region: regionParamOf(form), unit: unitScope.unitId ?? undefined }} />
    </div>
  );
}
