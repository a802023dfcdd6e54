import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatChineseDate } from "@/components/report/format-date";
import { buttonLinkClass } from "@/components/ui/button";
import { getSignOffSheet } from "@/lib/data/report-history";
import { loadOrNotFound } from "@/lib/load";
import { PrintButton } from "./print-button";
import { chinaDateTime } from "@/lib/time";

export const metadata: Metadata = { title: "审签单" };

/** A4 with 20 mm margins; present only while this page is shown. */
const PRINT_CSS = "@page { size: A4; margin: 20mm; }";

const EMPTY = "—";

/** 「2025年1月15日 10:00」 in China time. */
function chineseDateTime(at: Date): string {
  return `${formatChineseDate(at.toISOString()) ?? ""} ${chinaDateTime(at).slice(11)}`;
}

function Row({ label, children, tall = false }: { label: string; children: React.ReactNode; tall?: boolean }) {
  return (
    <tr>
      <th scope="row" className="w-[34mm] border border-black px-3 py-2 text-left align-top font-semibold whitespace-nowrap">
        {label}
      </th>
      <td className={`border border-black px-3 py-2 align-top break-words ${tall ? "h-[36mm] whitespace-pre-wrap" : ""}`}>{children}</td>
    </tr>
  );
}

/** 「拟稿：周文书　2025年1月15日」: a signature line with the name and date filled in where known. */
function SignatureLine({ label, name, on }: { label: string; name: string | null; on: Date | null }) {
  const blank = "＿＿＿＿＿＿";
  return (
    <p>
      {label}：{name ?? blank}　{on ? formatChineseDate(on.toISOString()) : `日期：${blank}`}
    </p>
  );
}

/** 政府信息公开工作年度报告审签单: the approval of a report on one printable A4 sheet. */
export default async function SignOffPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const sheet = await loadOrNotFound(getSignOffSheet(Number(id)));
  const writtenOn = sheet.writtenOn ? (formatChineseDate(sheet.writtenOn) ?? sheet.writtenOn) : EMPTY;
  return (
    <>
      <style>{PRINT_CSS}</style>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3 print:hidden">
        <nav aria-label="报告操作" className="flex flex-wrap gap-3">
          <Link href={`/staff/reports/${sheet.reportId}/review`} className={buttonLinkClass("secondary")}>
            返回审核与意见
          </Link>
          <Link href={`/staff/reports/${sheet.reportId}/history`} className={buttonLinkClass("secondary")}>
            历史记录
          </Link>
        </nav>
        <PrintButton />
      </div>
      <article
        aria-labelledby="sign-off-title"
        className="mx-auto max-w-[210mm] border border-line bg-white px-[20mm] py-[16mm] font-serif text-black print:max-w-none print:border-0 print:p-0"
      >
        <h1 id="sign-off-title" className="mb-8 text-center text-2xl font-bold tracking-wide">
          政府信息公开工作年度报告审签单
        </h1>
        <table className="w-full table-fixed border-collapse border border-black text-base leading-7" data-testid="sign-off-sheet">
          <tbody>
            <Row label="报告标题">{sheet.title}</Row>
            <Row label="单位">{sheet.unitName}</Row>
            <Row label="索引号">{sheet.indexNo ?? "发布时生成"}</Row>
            <Row label="公开属性">主动公开</Row>
            <Row label="填报人">{sheet.submittedBy ?? EMPTY}</Row>
            <Row label="提交时间">{sheet.submittedAt ? chineseDateTime(sheet.submittedAt) : EMPTY}</Row>
            <Row label="审核领导">{sheet.approvedBy ?? EMPTY}</Row>
            <Row label="审核意见" tall>
              {sheet.opinion ?? EMPTY}
            </Row>
            <Row label="批准时间">{chineseDateTime(sheet.approvedAt)}</Row>
            <Row label="成文日期">{writtenOn}</Row>
            <Row label="保密审查">
              经审查，不涉及国家秘密。（审查人：{sheet.approvedBy ?? EMPTY}，{chineseDateTime(sheet.approvedAt)}）
            </Row>
            {sheet.publication && (
              <Row label="发布时间">
                {chineseDateTime(sheet.publication.publishedAt)}
                {sheet.publication.edition !== null && `（第 ${sheet.publication.edition} 版）`}
              </Row>
            )}
          </tbody>
        </table>
        <div className="mt-8 space-y-3 text-base leading-7" data-testid="sign-off-lines">
          <SignatureLine label="拟稿" name={sheet.submittedBy} on={sheet.submittedAt} />
          <SignatureLine label="审核" name={null} on={null} />
          <SignatureLine label="签发" name={sheet.approvedBy} on={sheet.approvedAt} />
        </div>
      </article>
    </>
  );
}
