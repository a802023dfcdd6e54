import { TableScroll } from "@/components/report/table-scroll";
import type { KeyFigureDef, KeyFigures } from "@/lib/charts/key-figures";

export interface TrendFigureProps {
  readonly id: string;
  readonly title: string;
  /** Server-rendered SVG (lib/charts/trend-chart.ts) with role="img" and aria-label. */
  readonly svg: string;
  readonly points: readonly KeyFigures[];
  readonly figures: readonly KeyFigureDef[];
  readonly note?: string;
}

/** A chart with its data table (the accessible alternative, also visible for exact numbers). */
export function TrendFigure({ id, title, svg, points, figures, note }: TrendFigureProps) {
  const show = (n: number | null) => (n === null ? "—" : String(n));
  return (
    <figure className="mt-6 border border-line bg-white p-4 sm:p-6" data-trend={id}>
      <figcaption id={`${id}-caption`} className="text-[1.1em] font-bold">
        {title}
      </figcaption>
      {note && <p className="mt-1 text-[0.875em] text-muted">{note}</p>}
      {/* On a phone the chart keeps a legible size (its labels would shrink to 5px) and scrolls. */}
      <TableScroll title={title} width="narrow" what="图表">
        <div className="w-full min-w-[34rem] [&_svg]:block [&_svg]:h-auto [&_svg]:w-full [&_svg]:max-w-3xl" dangerouslySetInnerHTML={{ __html: svg }} />
      </TableScroll>
      <div className="mt-4 overflow-x-auto" role="region" aria-label={`${title}数据表`} tabIndex={0}>
        <table className="w-full border-collapse border border-line text-[0.9em]">
          <caption className="mb-1 text-left text-[0.95em] font-medium text-muted">{title}（数据表，单位：件）</caption>
          <thead>
            <tr className="bg-paper">
              <th scope="col" className="border border-line px-3 py-1.5 text-left">
                年度
              </th>
              {figures.map((f) => (
                <th key={f.key} scope="col" className="border border-line px-3 py-1.5 text-right">
                  {f.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.year}>
                <th scope="row" className="border border-line px-3 py-1.5 text-left font-normal">
                  {p.year}年
                </th>
                {figures.map((f) => (
                  <td key={f.key} className="border border-line px-3 py-1.5 text-right tabular-nums">
                    {show(p[f.key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
