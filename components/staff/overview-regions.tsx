import Link from "next/link";
import type { ReactNode } from "react";

/*
 * A city's or province's overview, by region (issue 17): a city lists several hundred units, a
 * province thousands, so the overview first rolls them up per county (or city), and a region's
 * name narrows the units table to it (`under`); the trail leads back up.
 */

/** A region as the table shows it (lib/data/overview.ts's OverviewRegion). */
export interface OverviewRegion {
  readonly unitId: number;
  readonly unitName: string;
  readonly units: number;
  readonly public: number;
  readonly overdue: number;
  readonly publishedLate: number;
}

/** A step of the trail (lib/data/overview.ts's OverviewScopeStep). */
export interface OverviewScopeStep {
  readonly unitId: number;
  readonly unitName: string;
}

/** The overview's address for a year, a region, a summary item (`show`), a sort and a page. */
export function overviewHref(params: { year: number; under?: number | null; show?: string | null; sort?: string; order?: string; page?: number }): string {
  const query = new URLSearchParams({ year: String(params.year) });
  if (params.under) query.set("under", String(params.under));
  if (params.show) query.set("show", params.show);
  if (params.sort) query.set("sort", params.sort);
  if (params.order) query.set("order", params.order);
  if (params.page && params.page > 1) query.set("page", String(params.page));
  return `/staff/overview?${query}`;
}

/** 「临港市 › 远岭县」: from the viewer's unit to the listed region; nothing when the viewer's own units are listed. */
export function OverviewScopeTrail({ scope, year, show }: { scope: readonly OverviewScopeStep[]; year: number; show: string | null }) {
  if (scope.length < 2) return null;
  return (
    <nav aria-label="查看范围" className="mb-4 text-sm">
      <ol className="flex flex-wrap items-center gap-x-1">
        {scope.map((step, i) => {
          const last = i === scope.length - 1;
          return (
            <li key={step.unitId} className="flex items-center gap-x-1">
              {i > 0 && <span aria-hidden="true">›</span>}
              {last ? (
                <span aria-current="page" className="font-medium">
                  {step.unitName}
                </span>
              ) : (
                <Link href={overviewHref({ year, show, under: i === 0 ? null : step.unitId })}>{i === 0 ? `全部（${step.unitName}）` : step.unitName}</Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function publicShare(region: OverviewRegion): string {
  return region.units === 0 ? "—" : `${Math.round((region.public / region.units) * 1000) / 10}%`;
}

/** 各地区情况: one row per region below the listed unit, and one for its own departments (and itself, when it is listed). */
export function OverviewRegions({
  regions,
  directUnits,
  unitName,
  year,
  show,
  listsItself,
}: {
  regions: readonly OverviewRegion[];
  directUnits: OverviewRegion | null;
  unitName: string;
  /** Whether the listed unit is a row itself (a region clicked): then it is counted with its departments. */
  listsItself: boolean;
  year: number;
  /** The summary item the units table is narrowed to, kept when a region is clicked. */
  show: string | null;
}) {
  if (regions.length === 0) return null;
  const row = (region: OverviewRegion, name: ReactNode, key: string) => (
    <tr key={key} className={`border-t border-line ${region.overdue > 0 ? "bg-red-50" : ""}`}>
      <th scope="row" className="px-3 py-2 text-left font-normal">
        {name}
      </th>
      <td className="px-3 py-2 text-right">{region.units}</td>
      <td className="px-3 py-2 text-right">{region.public}</td>
      <td className="px-3 py-2 text-right">{publicShare(region)}</td>
      <td className={`px-3 py-2 text-right ${region.overdue > 0 ? "font-semibold text-red-800" : ""}`}>{region.overdue}</td>
      <td className={`px-3 py-2 text-right ${region.publishedLate > 0 ? "font-semibold text-amber-900" : ""}`}>{region.publishedLate}</td>
    </tr>
  );
  return (
    <section aria-labelledby="regions-heading" className="mb-6 rounded border border-line bg-white">
      <h2 id="regions-heading" className="px-4 pt-4 text-lg font-semibold">
        各地区情况
      </h2>
      <p className="mb-2 px-4 text-sm text-muted">点击地区名称，下方单位列表只显示该地区的单位。各地区的单位数含其本级政府。</p>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">{year}年度各地区年度报告公开情况</caption>
          <thead className="bg-gray-50 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">
                地区
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                单位数
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                已公开
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                公开率
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                逾期未发布
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                逾期发布
              </th>
            </tr>
          </thead>
          <tbody>
            {regions.map((region) => row(region, <Link href={overviewHref({ year, show, under: region.unitId })}>{region.unitName}</Link>, String(region.unitId)))}
            {directUnits && directUnits.units > 0 && row(directUnits, `${unitName}${listsItself ? "本级及" : ""}直属部门和单位`, "direct")}
          </tbody>
        </table>
      </div>
    </section>
  );
}
