import type { Metadata } from "next";
import Link from "next/link";
import { YearPicker } from "@/components/staff/year-picker";
import { listFilings, type FilingSummary } from "@/lib/data/filings";
import { decisionLabel } from "@/lib/filing";
import { loadOrNotFound } from "@/lib/load";
import { chinaDateTime } from "@/lib/time";
import { FILING_MODE_LABELS } from "@/lib/vocabulary";

export const metadata: Metadata = { title: "年报备案" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The confirmation after a decision (the decision form moves here with `?done=…`). */
const DONE_MESSAGES: Record<string, string> = {
  accepted: "已备案通过，该单位可以发布报告。",
  returned: "已退回，该单位的填报员和审核领导会收到通知和退回原因。",
  acknowledged: "已确认备案。",
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * 年报备案: the annual reports the units on the viewer's unit's list filed with it — waiting ones
 * first, then those decided for the year. Clerks decide; leaders read.
 */
export default async function FilingsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const list = await loadOrNotFound(listFilings({ year: first(params.year) }));
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">年报备案</h1>
      {DONE_MESSAGES[first(params.done) ?? ""] && (
        <p role="status" className="mb-4 rounded border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900">
          {DONE_MESSAGES[first(params.done) ?? ""]}
        </p>
      )}
      <p className="mb-2 text-muted">
        下级单位向{list.unitName}报送备案的政府信息公开工作年度报告。{list.canDecide ? "发布前备案的报告经备案通过后方可发布，也可以退回修改；发布后备案的报告请确认备案。" : "备案由本单位填报员办理，您可以查看。"}
      </p>
      <p className="mb-6 text-sm">
        <Link href={`/staff/reporting-list?${new URLSearchParams({ year: String(list.year) })}`}>报送单位名单</Link>
        <span className="ml-2 text-muted">在名单中设置各单位的备案方式</span>
      </p>

      <section aria-labelledby="pending-heading" className="mb-8">
        <h2 id="pending-heading" className="mb-3 text-lg font-semibold">
          待备案（{list.pending.length}）
        </h2>
        {list.pending.length === 0 ? (
          <p className="rounded border border-line bg-white p-4 text-muted">目前没有待备案的报告。</p>
        ) : (
          <FilingTable caption="待备案的报告" filings={list.pending} />
        )}
      </section>

      <section aria-labelledby="decided-heading">
        <h2 id="decided-heading" className="mb-3 text-lg font-semibold">
          {list.year}年度已办理
        </h2>
        <YearPicker year={list.year} years={list.years} />
        {list.decided.length === 0 ? (
          <p className="rounded border border-line bg-white p-4 text-muted">{list.year}年度还没有已办理的备案。</p>
        ) : (
          <FilingTable caption={`${list.year}年度已办理的备案`} filings={list.decided} decided />
        )}
      </section>
    </>
  );
}

function FilingTable({ caption, filings, decided = false }: { caption: string; filings: FilingSummary[]; decided?: boolean }) {
  return (
    <div className="overflow-x-auto rounded border border-line bg-white">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-gray-50 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">单位</th>
            <th scope="col" className="px-3 py-2">年度</th>
            <th scope="col" className="px-3 py-2">报告</th>
            <th scope="col" className="px-3 py-2">备案方式</th>
            <th scope="col" className="px-3 py-2">报送时间</th>
            {decided && <th scope="col" className="px-3 py-2">办理结果</th>}
          </tr>
        </thead>
        <tbody>
          {filings.map((filing) => (
            <tr key={filing.id} className="border-t border-line">
              <th scope="row" className="px-3 py-2 text-left font-normal">{filing.unitName}</th>
              <td className="px-3 py-2">{filing.year}</td>
              <td className="px-3 py-2">
                <Link href={`/staff/filings/${filing.id}`}>{filing.title}</Link>
              </td>
              <td className="px-3 py-2">
                {FILING_MODE_LABELS[filing.mode]}
                {filing.edition !== null && `（第 ${filing.edition} 版）`}
              </td>
              <td className="px-3 py-2">{chinaDateTime(filing.filedAt)}</td>
              {decided && (
                <td className="px-3 py-2">
                  {decisionLabel(filing)}
                  {filing.decidedAt && `（${chinaDateTime(filing.decidedAt)}${filing.decidedBy ? `，${filing.decidedBy}` : ""}）`}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
