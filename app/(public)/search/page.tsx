import type { Metadata } from "next";
import { Breadcrumbs, HOME_CRUMB } from "@/components/public/breadcrumbs";
import { ColumnTitle } from "@/components/public/column-title";
import { HighlightedText } from "@/components/public/highlighted-text";
import { Pagination } from "@/components/public/pagination";
import { ReportList } from "@/components/public/report-list";
import { SearchForm } from "@/components/public/search-form";
import { parseId, parsePage, parseYear, readingClassName, type SearchParamRecord } from "@/lib/public/url-params";
import { listPublicYears } from "@/lib/data/public/catalog";
import { publicUnitFilter } from "@/lib/data/public/regions";
import { regionParamOf } from "@/lib/public/unit-regions";
import { searchPublishedReports } from "@/lib/data/public/search";
import { MAX_QUERY_LENGTH, normalizeSearchQuery, queryLength } from "@/lib/public/search-query";
import type { PublicSearchHit } from "@/lib/public/types";
import { readingPreferencesOf } from "../reading-preferences";

interface SearchPageProps {
  readonly searchParams: Promise<SearchParamRecord>;
}

export async function generateMetadata({ searchParams }: SearchPageProps): Promise<Metadata> {
  const query = normalizeSearchQuery((await searchParams).q);
  return {
    title: query ? `搜索：${query}` : "站内搜索",
    description: "在已公开的政府信息公开工作年度报告中全文检索。",
    // Result pages are not worth indexing; the reports themselves are in the sitemap.
    robots: { index: false, follow: true },
  };
}

export default async function SearchPage({ searchParams }: SearchPageProps) {
  const params = await searchParams;
  const [years, { form, scope }] = await Promise.all([listPublicYears(), publicUnitFilter({ region: parseId(params.region), unit: parseId(params.unit) })]);
  const year = parseYear(params.year);
  const raw = typeof params.q === "string" ? params.q : Array.isArray(params.q) ? (params.q[0] ?? "") : "";
  const results = await searchPublishedReports({ q: raw, year, unitId: scope.unitId, unitIds: scope.unitIds, page: parsePage(params.page) });
  const truncated = queryLength(raw.trim()) > MAX_QUERY_LENGTH;
  const prefs = await readingPreferencesOf(params);
  const hits = new Map<number, PublicSearchHit>(results.items.map((h) => [h.id, h]));

  return (
    <div className={readingClassName(prefs)}>
      <Breadcrumbs items={[HOME_CRUMB, { label: "站内搜索" }]} />
      <ColumnTitle level={1}>站内搜索</ColumnTitle>
      <div className="mb-5 border border-line bg-white p-4">
        <SearchForm
          id="search-page"
          query={results.query}
          filters={{
            years: years.map((y) => ({ value: String(y.year), label: `${y.year}年度` })),
            year: year ? String(year) : "",
            unitFilter: form,
          }}
        />
        <p className="mt-2 text-[0.85em] text-muted">在已公开的年度报告标题、发布机构和正文中查找；输入两个字以上的词语效果更好。</p>
      </div>

      {results.query === "" ? (
        <p className="text-muted" role="status">
          请输入要查找的关键词，例如单位名称、「依申请公开」「行政复议」等。
        </p>
      ) : (
        <>
          <p className="mb-3 text-[0.95em]" role="status">
            {truncated && <span className="mr-1">搜索词过长，已按前 {MAX_QUERY_LENGTH} 个字搜索。</span>}
            {results.total > 0 ? (
              <>
                找到 <strong>{results.total}</strong> 篇与「{results.query}」相关的年度报告
                {results.pageCount > 1 ? `，第 ${results.page} / ${results.pageCount} 页` : ""}
              </>
            ) : (
              <>
                没有找到与「{results.query}」相关的年度报告。
                {results.mode === "symbols" ? "搜索词需要包含文字或数字。" : "请尝试更换或缩短关键词。"}
              </>
            )}
          </p>
          <ReportList
            items={results.items}
            headingLevel={2}
            emptyText=""
            renderTitle={(item) => <HighlightedText segments={hits.get(item.id)?.titleSegments ?? [{ text: item.title, match: false }]} />}
            renderExtra={(item) => {
              const excerpt = hits.get(item.id)?.excerpt ?? [];
              return excerpt.length > 0 ? (
                <p className="mt-2 text-[0.95em] leading-relaxed text-ink" data-search-excerpt>
                  <HighlightedText segments={excerpt} />
                </p>
              ) : null;
            }}
          />
          <Pagination
            page={results.page}
            pageCount={results.pageCount}
            path="/search"
            params={{ q: results.query, year: year ?? undefined, region: regionParamOf(form), unit: scope.unitId ?? undefined }}
          />
        </>
      )}
    </div>
  );
}
