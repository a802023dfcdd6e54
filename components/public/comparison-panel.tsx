import { compareKeyFigures, formatChange, type KeyFigures } from "@/lib/charts/key-figures";

export interface ComparisonPanelProps {
  readonly current: KeyFigures;
  readonly previous: KeyFigures;
  readonly previousReportId: number;
}

/** 与上年对比: this year's key figures against last year's live report of the same unit. */
export function ComparisonPanel({ current, previous, previousReportId }: ComparisonPanelProps) {
  const rows = compareKeyFigures(current, previous);
  if (rows.length === 0) return null;
  const show = (n: number | null) => (n === null ? "—" : String(n));
  return (
    <section aria-labelledby="comparison-title" className="mt-6 border border-line bg-white p-4 sm:p-6 print:hidden" data-comparison>
      <h2 id="comparison-title" className="text-[1.15em] font-bold">
        与上年对比
      </h2>
      <p className="mt-1 text-[0.9em] text-muted">
        主要数据与{" "}
        <a href={`/reports/${previousReportId}`} className="text-gov-red underline underline-offset-2">
          {previous.year}年度报告
        </a>{" "}
        对比（申请数为「总计」列，单位：件）。
      </p>
      {/* Cells styled by `.key-figures` (app/globals.css): one short class for the whole table. */}
      <table className="key-figures mt-3 w-full border-collapse border border-line text-[0.9em]">
        <caption className="sr-only">
          {current.year}年与{previous.year}年主要数据对比
        </caption>
        <thead>
          <tr className="bg-paper">
            <th scope="col">项目</th>
            <th scope="col">{previous.year}年</th>
            <th scope="col">{current.year}年</th>
            <th scope="col">增减</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-figure={r.key}>
              <th scope="row">{r.label}</th>
              <td>{show(r.previous)}</td>
              <td className="font-semibold">{show(r.current)}</td>
              <td>{formatChange(r.change)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
