import type { ReportAttachment } from "@/lib/interchange";
import { headerCellClass, rowClass, tableClass, textCellClass } from "./report-styles";
import { TableScroll } from "./table-scroll";

export interface AttachmentTableProps {
  readonly attachment: ReportAttachment;
  /** Unique id of the title on the page (the table is labelled by it). */
  readonly id: string;
}

/**
 * One 附表 of a legacy report, stored verbatim: its title, then a table with the given
 * column headers and text cells exactly as printed. An attachment without rows (e.g.
 * 「(二)依申请公开情况(无)」) shows just its title.
 */
export function AttachmentTable({ attachment, id }: AttachmentTableProps) {
  const titleId = `${id}-title`;
  const hasTable = attachment.rows.length > 0;
  // The first column names the row: it stays in view while a narrow screen scrolls the rest.
  const labelColumns = Math.max(attachment.columns.length, ...attachment.rows.map((row) => row.length)) > 1 ? 1 : 0;
  const label = (c: number) => (c < labelColumns ? { "data-label-col": c, "data-label-last": "" } : {});
  return (
    <div className="mt-5" data-attachment>
      <h3 id={titleId} className="mb-2 text-base font-bold leading-relaxed">
        {attachment.title}
      </h3>
      {hasTable && (
        <TableScroll title={attachment.title} width="narrow">
          <table aria-labelledby={titleId} className={`${tableClass} min-w-[32rem]`} data-label-columns={labelColumns}>
            {labelColumns > 0 && (
              <colgroup>
                <col data-label-col={0} />
              </colgroup>
            )}
            {attachment.columns.length > 0 && (
              <thead>
                <tr className={rowClass}>
                  {attachment.columns.map((column, i) => (
                    <th key={i} scope="col" className={headerCellClass} {...label(i)}>
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
            )}
            <tbody>
              {attachment.rows.map((row, r) => (
                <tr key={r} className={rowClass}>
                  {row.map((cell, c) => (
                    <td key={c} className={`${textCellClass} ${c === 0 ? "bg-white text-left" : "text-center tabular-nums"}`} {...label(c)}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
