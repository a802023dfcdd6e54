import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { HOME_CRUMB, REPORTS_CRUMB, Breadcrumbs } from "@/components/public/breadcrumbs";
import { ComparisonPanel } from "@/components/public/comparison-panel";
import { EditionNotice } from "@/components/public/edition-notice";
import { PrintFooter } from "@/components/public/print-footer";
import { ReadingTools } from "@/components/public/reading-tools";
import { ReportDownloads } from "@/components/public/report-downloads";
import { SharePanel } from "@/components/public/share-panel";
import { WithdrawalNotice } from "@/components/public/withdrawal-notice";
import { ReportDocumentView } from "@/components/report";
import { firstParam, parseId, readingClassName, type SearchParamRecord } from "@/lib/public/url-params";
import { getPublicEdition, getPublicReport } from "@/lib/data/public/report";
import { absoluteUrl, reportPath } from "@/lib/public/site-url";
import { chinaDate } from "@/lib/time";
import { readingPreferencesOf } from "../../reading-preferences";

interface ReportPageProps {
  readonly params: Promise<{ id: string }>;
  readonly searchParams: Promise<SearchParamRecord>;
}

/** One load per request, shared by generateMetadata and the page. */
const load = cache(async (id: number, edition: number | null) => (edition === null ? getPublicReport(id) : getPublicEdition(id, edition)));

async function resolve(props: ReportPageProps) {
  const [{ id: rawId }, searchParams] = await Promise.all([props.params, props.searchParams]);
  const id = parseId(rawId);
  if (id === null) notFound();
  const rawEdition = firstParam(searchParams.edition);
  const edition = rawEdition === undefined || rawEdition === "" ? null : parseId(rawEdition);
  if (rawEdition && edition === null) notFound();
  const result = await load(id, edition);
  if (!result) notFound();
  return { id, result, searchParams };
}

export async function generateMetadata(props: ReportPageProps): Promise<Metadata> {
  const { id, result } = await resolve(props);
  if (result.kind === "withdrawn") {
    return {
      title: `本报告已撤回 · ${result.notice.title}`,
      description: `${result.notice.unit.name}已撤回《${result.notice.title}》。`,
      robots: { index: false },
    };
  }
  const { report } = result;
  const published = chinaDate(report.firstPublishedAt);
  return {
    title: report.document.title,
    description: `${report.unit.name}${report.year}年政府信息公开工作年度报告，${published}发布${report.indexNo ? `，索引号 ${report.indexNo}` : ""}。`,
    alternates: {
      canonical: reportPath(id, report.isLive ? null : report.edition.edition),
      types: { "application/json": `/reports/${id}/report.json${report.isLive ? "" : `?edition=${report.edition.edition}`}` },
    },
    robots: report.isLive ? undefined : { index: false },
  };
}

export default async function ReportPage(props: ReportPageProps) {
  const { id, result, searchParams } = await resolve(props);
  const prefs = await readingPreferencesOf(searchParams);

  if (result.kind === "withdrawn") {
    const { notice } = result;
    return (
      <div className={`${readingClassName(prefs)} mx-auto max-w-4xl`}>
        <Breadcrumbs items={[HOME_CRUMB, REPORTS_CRUMB, { label: `${notice.unit.shortName} ${notice.year}年度报告（已撤回）` }]} />
        <WithdrawalNotice title={notice.title} indexNo={notice.indexNo} unitName={notice.unit.name} withdrawnAt={notice.withdrawnAt} reason={notice.reason} />
      </div>
    );
  }

  const { report } = result;
  const shownEdition = report.isLive ? null : report.edition.edition;
  const pageUrl = absoluteUrl(reportPath(id, shownEdition));
  return (
    <div
      className={`${readingClassName(prefs)} mx-auto ${prefs.elder ? "max-w-5xl" : "max-w-4xl"}`}
      data-reading-size={prefs.size}
      data-elder-mode={prefs.elder ? "on" : "off"}
    >
      <Breadcrumbs
        items={[HOME_CRUMB, REPORTS_CRUMB, { label: report.unit.shortName, href: `/units/${report.unit.id}` }, { label: `${report.year}年度报告` }]}
      />
      <ReadingTools path={`/reports/${id}`} prefs={prefs} params={{ edition: shownEdition }} share={<SharePanel url={pageUrl} />} />
      <EditionNotice reportId={id} editions={report.editions} shown={report.edition.edition} live={report.liveEdition.edition} />
      <div className="border border-line bg-white print:border-0">
        <ReportDocumentView
          document={report.document}
          mode="public"
          viewCount={report.viewCount}
          editions={report.unitReports.map((r) => ({ year: r.year, href: `/reports/${r.id}`, current: r.id === id }))}
        />
      </div>
      <PrintFooter url={pageUrl} indexNo={report.indexNo} />
      {report.figures && report.previous?.figures && (
        <ComparisonPanel current={report.figures} previous={report.previous.figures} previousReportId={report.previous.id} />
      )}
      <ReportDownloads reportId={id} edition={shownEdition} sha256={report.edition.sha256} originals={report.originals} />
    </div>
  );
}
