import type { Metadata } from "next";
import { ColumnTitle } from "@/components/public/column-title";
import { ReportList } from "@/components/public/report-list";
import { SearchForm } from "@/components/public/search-form";
import { readingClassName, type SearchParamRecord } from "@/lib/public/url-params";
import { listFirstPublicUnits, listPublicYears, listPublishedReports } from "@/lib/data/public/catalog";
import { siteName } from "@/lib/site";
import { readingPreferencesOf } from "./reading-preferences";

export function generateMetadata(): Metadata {
  return {
    title: { absolute: `政府信息公开工作年度报告 · ${siteName()}` },
    description: "集中发布本县各级行政机关的政府信息公开工作年度报告，可按年度、发布机构浏览，全文检索，并下载开放数据。",
    alternates: { canonical: "/" },
  };
}

const linkClass = "text-ink underline-offset-4 hover:text-gov-red hover:underline";

/** The home page names the first units (county first); a platform's thousands are browsed on the list. */
const HOME_UNITS = 20;

export default async function HomePage({ searchParams }: { searchParams: Promise<SearchParamRecord> }) {
  const prefs = await readingPreferencesOf(await searchParams);
  const [latest, years, units] = await Promise.all([listPublishedReports({ page: 1, pageSize: 8 }), listPublicYears(), listFirstPublicUnits(HOME_UNITS)]);
  return (
    <div className={readingClassName(prefs)}>
      <section aria-labelledby="home-title" className="border border-line bg-white p-5 sm:p-8">
        <h1 id="home-title" className="font-serif text-[1.75em] font-bold text-ink">
          政府信息公开工作年度报告
        </h1>
        <p className="mt-2 max-w-3xl text-muted">
          依据《中华人民共和国政府信息公开条例》第四十九条、第五十条，本栏目集中发布本县各级行政机关上一年度的政府信息公开工作年度报告。可按年度、发布机构浏览，或输入关键词全文检索。
        </p>
        <div className="mt-5">
          <SearchForm id="home-search" />
        </div>
      </section>

      <div className="mt-8 grid gap-8 lg:grid-cols-3">
        <section aria-labelledby="latest-title" className="lg:col-span-2">
          <ColumnTitle
            id="latest-title"
            action={
              <a href="/reports" className={linkClass}>
                更多<span className="sr-only">年度报告</span> &gt;
              </a>
            }
          >
            最新发布
          </ColumnTitle>
          <ReportList items={latest.items} />
        </section>

        <div className="flex flex-col gap-8">
          <section aria-labelledby="years-title">
            <ColumnTitle id="years-title">按年度浏览</ColumnTitle>
            {years.length === 0 ? (
              <p className="text-muted">暂无。</p>
            ) : (
              <ul className="grid grid-cols-2 gap-2">
                {years.map((y) => (
                  <li key={y.year}>
                    <a href={`/reports?year=${y.year}`} className="block border border-line bg-white px-3 py-2 text-ink no-underline hover:border-gov-red hover:text-gov-red">
                      {y.year}年度 <span className="text-[0.875em] text-muted">（{y.count}篇）</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="units-title">
            <ColumnTitle id="units-title">按发布机构浏览</ColumnTitle>
            {units.total === 0 ? (
              <p className="text-muted">暂无。</p>
            ) : (
              <ul className="divide-y divide-line border-y border-line bg-white">
                {units.units.map((u) => (
                  <li key={u.id} className="flex items-baseline justify-between gap-3 px-3 py-2">
                    <a href={`/units/${u.id}`} className={linkClass}>
                      {u.name}
                    </a>
                    <span className="shrink-0 text-[0.875em] text-muted">{u.count}篇</span>
                  </li>
                ))}
              </ul>
            )}
            {units.total > HOME_UNITS && (
              <p className="mt-2">
                <a href="/reports" className="text-gov-red underline underline-offset-4">
                  全部 {units.total} 个发布机构
                </a>
              </p>
            )}
          </section>

          <section aria-labelledby="open-data-title">
            <ColumnTitle id="open-data-title">数据开放</ColumnTitle>
            <p className="text-[0.95em] text-muted">
              每份报告均可下载原文（JSON）和统计表（CSV），并提供按年度汇总的统计数据。
            </p>
            <p className="mt-2">
              <a href="/open-data" className="text-gov-red underline underline-offset-4">
                查看下载说明与数据格式
              </a>
            </p>
          </section>
        </div>
      </div>
    </div>
  );
}
