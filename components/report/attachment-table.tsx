import type { ReportAttachment } from "@/lib/interchange";
import { headerCellClass, rowClass, tableClass, tableScrollClass, textCellClass } from "./report-styles";

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
  return (
    <div className="mt-5" data-attachment>
      <h3 id={titleId} className="mb-2 text-base font-bold leading-relaxed">
        {attachment.title}
      </h3>
      {hasTable && (
        <div role="region" aria-label={`${attachment.title}（表格可左右滚动）`} tabIndex={0} className={tableScrollClass}>
          <table aria-labelledby={titleId} className={`${tableClass} min-w-[32rem]`}>
            {attachment.columns.length > 0 && (
              <thead>
                <tr className={rowClass}>
                  {attachment.columns.map((column, i) => (
                    <th key={i} scope="col" className={headerCellClass}>
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
                    <td key={c} className={`${textCellClass} ${c === 0 ? "text-left" : "text-center tabular-nums"}`}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
