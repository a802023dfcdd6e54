"use client";

import { useEffect, useRef } from "react";
import { cellName, type FormatId } from "@/lib/formats";
import { getTableValue, type ReportTables } from "@/lib/interchange";
import { cellBreakdown, type SummationBreakdown } from "@/lib/summation";

/**
 * One summed cell's breakdown: 本级 and each unit with its value, and the total. A modal
 * <dialog>: focus moves into it, Escape or 「关闭」 closes it and focus returns to the cell.
 */
export function CellBreakdownDialog({
  format,
  cellId,
  breakdown,
  total,
  onClose,
}: {
  format: FormatId;
  cellId: string;
  breakdown: SummationBreakdown;
  total: ReportTables;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => opener?.focus();
  }, []);
  const name = cellName(format, cellId);
  const rows = cellBreakdown(breakdown, cellId);
  const sum = getTableValue(total, cellId) ?? null;
  const titleId = "breakdown-title";
  return (
    <dialog ref={ref} aria-labelledby={titleId} onClose={onClose} className="m-auto w-full max-w-lg rounded border border-line bg-white p-4 shadow-lg backdrop:bg-black/30">
      <h3 id={titleId} className="mb-3 text-base font-semibold">
        {name}：各单位数值
      </h3>
      <table className="mb-4 w-full text-sm">
        <thead className="bg-gray-50 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">单位</th>
            <th scope="col" className="px-3 py-2 text-right">数值</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-line">
              <th scope="row" className="px-3 py-2 text-left font-normal">{row.label}</th>
              <td className="px-3 py-2 text-right tabular-nums">{row.value === null ? "空白" : row.value}</td>
            </tr>
          ))}
          <tr className="border-t-2 border-line font-semibold">
            <th scope="row" className="px-3 py-2 text-left">合计</th>
            <td className="px-3 py-2 text-right tabular-nums">{sum === null ? "空白" : sum}</td>
          </tr>
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" autoFocus className="rounded border border-line bg-white px-4 py-2 text-sm">
          关闭
        </button>
      </form>
    </dialog>
  );
}
