import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Breadcrumbs, HOME_CRUMB, REPORTS_CRUMB } from "@/components/public/breadcrumbs";
import { ColumnTitle } from "@/components/public/column-title";
import { TrendFigure } from "@/components/public/trend-figure";
import { APPLICATION_FIGURES, PROACTIVE_FIGURES, hasAnyValue, onYearAxis, type KeyFigureDef, type KeyFigures } from "@/lib/charts/key-figures";
import { renderTrendChartSvg } from "@/lib/charts/trend-chart";
import { parseId, readingClassName, type SearchParamRecord } from "@/lib/public/url-params";
import { getPublicUnit, listUnitTrend } from "@/lib/data/public/unit";
import { chinaDate } from "@/lib/time";
import { readingPreferencesOf } from "../../reading-preferences";

interface UnitPageProps {
  readonly params: Promise<{ id: string }>;
  readonly searchParams: Promise<SearchParamRecord>;
}

const load = cache(async (unitId: number) => {
  const [unit, trend] = await Promise.all([getPublicUnit(unitId), listUnitTrend(unitId)]);
  return unit && trend ? { ...unit, points: trend.points } : null;
});

async function resolve(props: UnitPageProps) {
  const id = parseId((await props.params).id);
  if (id === null) notFound();
  const data = await load(id);
  if (!data) notFound();
  return data;
}

export async function generateMetadata(props: UnitPageProps): Promise<Metadata> {
  const { unit, reports } = await resolve(props);
  const years = reports.map((r) => r.year);
  return {
    title: `${unit.name} · 历年政府信息公开工作年度报告`,
    description: `${unit.name}${years.length > 0 ? `${Math.min(...years)}—${Math.max(...years)}年` : ""}政府信息公开工作年度报告及主要数据趋势。`,
    alternates: { canonical: `/units/${unit.id}` },
  };
}

/** The figures of a chart that have a value in some year. */
function present(points: readonly KeyFigures[], defs: readonly KeyFigureDef[]): KeyFigureDef[] {
  return defs.filter((d) => hasAnyValue(points, [d.key]));
}

/** Screen-reader summary of a chart: each series with its values per year. */
function describe(title: string, points: readonly KeyFigures[], defs: readonly KeyFigureDef[]): string {
  const parts = defs.map((d) => `${d.label}：${points.map((p) => `${p.year}年${p[d.key] ?? "无数据"}`).join("，")}`);
  return `${title}。${parts.join("；")}。`;
}

export default async function UnitPage(props: UnitPageProps) {
  const { unit, reports, points } = await resolve(props);
  const prefs = await readingPreferencesOf(await props.searchParams);
  const charts = [
    { id: "trend-applications", title: "依申请公开办理情况", defs: present(points, APPLICATION_FIGURES), kind: "bar" as const },
    { id: "trend-proactive", title: "主动公开情况（行政规范性文件与行政决定）", defs: present(points, PROACTIVE_FIGURES.filter((d) => d.key !== "normativeValid")), kind: "bar" as const },
  ].filter((c) => c.defs.length > 0 && points.length > 0);
  const yearAxis = onYearAxis(points);

  return (
    <div className={readingClassName(prefs)}>
      <Breadcrumbs items={[HOME_CRUMB, REPORTS_CRUMB, { label: unit.shortName }]} />
      <ColumnTitle level={1}>{unit.name}</ColumnTitle>
      <p className="mb-4 text-muted">历年政府信息公开工作年度报告及主要数据。</p>

      <section aria-labelledby="unit-reports-title">
        <h2 id="unit-reports-title" className="mb-2 text-[1.2em] font-bold">
          历年报告
        </h2>
        <div className="overflow-x-auto" role="region" aria-label="历年报告列表" tabIndex={0}>
          <table className="w-full border-collapse border border-line bg-white text-[0.95em]">
            <caption className="sr-only">{unit.name}历年政府信息公开工作年度报告</caption>
            <thead>
              <tr className="bg-paper">
                <th scope="col" className="border border-line px-3 py-2 text-left">
                  年度
                </th>
                <th scope="col" className="border border-line px-3 py-2 text-left">
                  报告
                </th>
                <th scope="col" className="border border-line px-3 py-2 text-left">
                  发布日期
                </th>
                <th scope="col" className="border border-line px-3 py-2 text-left">
                  下载
                </th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="border border-line px-3 py-2 text-left font-normal tabular-nums">
                    {r.year}年
                  </th>
                  <td className="border border-line px-3 py-2">
                    <a href={`/reports/${r.id}`} className="text-ink underline-offset-4 hover:text-gov-red hover:underline">
                      {r.title}
                    </a>
                    {r.edition > 1 && <span className="ml-2 text-[0.875em] text-muted">（{chinaDate(r.updatedAt)} 修订）</span>}
                  </td>
                  <td className="border border-line px-3 py-2 tabular-nums">{chinaDate(r.publishedAt)}</td>
                  <td className="border border-line px-3 py-2 whitespace-nowrap">
                    <a href={`/reports/${r.id}/report.json`} className="text-gov-red underline underline-offset-2">
                      JSON<span className="sr-only">（{r.year}年度报告原文）</span>
                    </a>
                    <span aria-hidden="true"> · </span>
                    <a href={`/reports/${r.id}/tables.csv`} className="text-gov-red underline underline-offset-2">
                      CSV<span className="sr-only">（{r.year}年度统计表）</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="unit-trends-title" className="mt-8">
        <h2 id="unit-trends-title" className="text-[1.2em] font-bold">
          主要数据趋势
        </h2>
        {charts.length === 0 ? (
          <p className="mt-2 text-muted">该单位已公开的报告均为旧版自由格式，没有统一的统计表，无法绘制趋势图。</p>
        ) : (
          charts.map((c) => (
            <TrendFigure
              key={c.id}
              id={c.id}
              title={c.title}
              points={points}
              figures={c.defs}
              note={c.id === "trend-applications" ? "数据取自各年度报告表三「总计」列；不予公开为八项理由之和。" : "数据取自各年度报告表二。"}
              svg={renderTrendChartSvg({
                id: c.id,
                label: describe(c.title, points, c.defs),
                categories: yearAxis.map((p) => `${p.year}年`),
                series: c.defs.map((d) => ({ name: d.label, values: yearAxis.map((p) => p[d.key]) })),
                kind: c.kind,
              })}
            />
          ))
        )}
        {charts.length > 0 && reports.length > points.length && (
          <p className="mt-3 text-[0.9em] text-muted">旧版自由格式的年度报告没有统一的统计表，未计入趋势图。</p>
        )}
      </section>
    </div>
  );
}
