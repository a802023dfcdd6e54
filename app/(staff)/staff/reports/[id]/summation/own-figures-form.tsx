"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { TableSectionEditor } from "@/components/editor/table-section-editor";
import { StatisticsTable } from "@/components/report/statistics-table";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { settleAction } from "@/lib/action-result";
import { getFormat, listCells, type CellId, type FormatId, type TableId } from "@/lib/formats";
import { getTableValue, setTableValue, type CellTree, type ReportTables } from "@/lib/interchange";
import { computeTotals } from "@/lib/rules";
import { saveOwnFiguresAction } from "./actions";

const OWN_FIGURES_NOTE = "本单位自身的数据，不含下级单位。重新汇总时只更新各单位的数据，本级数据不会被覆盖。";

/** 本级数据 as the clerk enters them: the format's tables, an input per cell, saved with one button. */
export function OwnFiguresForm({ reportId, format, ownTables }: { reportId: number; format: FormatId; ownTables: ReportTables }) {
  const router = useRouter();
  const [tables, setTables] = useState<ReportTables>(ownTables);
  const [generation, setGeneration] = useState(0);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();
  const [busy, setBusy] = useState(false);
  const totals = useMemo(() => computeTotals(format, { tables }) as Record<CellId, number | null>, [format, tables]);
  const blankCells = useMemo(() => listCells(format).filter((c) => !c.computed && (getTableValue(tables, c.id) ?? null) === null), [format, tables]);

  const fillBlanksWithZero = () => {
    let next = tables;
    for (const cell of blankCells) next = setTableValue(next, cell.id, 0);
    setTables(next);
    // The grid keeps its own input state: a new generation shows the zeros.
    setGeneration((g) => g + 1);
    setMessage(undefined);
  };

  const save = async () => {
    setBusy(true);
    setMessage(undefined);
    const result = await settleAction(() => saveOwnFiguresAction(reportId, { tables: tables as Record<string, Record<string, unknown>> }));
    setBusy(false);
    if (!result.ok) return setMessage({ tone: "error", text: result.message });
    setMessage({ tone: "success", text: "本级数据已保存。请查看下方汇总结果的变化后点击「汇总」。" });
    router.refresh();
  };

  return (
    <section aria-labelledby="own-heading">
      <h2 id="own-heading" className="mb-1 text-lg font-semibold">本级数据</h2>
      <p className="mb-3 text-sm text-muted">{OWN_FIGURES_NOTE}</p>
      {blankCells.length > 0 && (
        <p className="mb-3 flex flex-wrap items-center gap-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          本级数据还有 {blankCells.length} 格未填，汇总结果中这些格也将为空白。没有发生的事项请填 0。
          <Button variant="secondary" className="px-2 py-1" onClick={fillBlanksWithZero}>
            空白格填 0
          </Button>
        </p>
      )}
      <div className="space-y-6">
        {getFormat(format).tables.map((table) => (
          <TableSectionEditor
            key={`${table.id}:${generation}`}
            format={format}
            tableId={table.id as TableId}
            cells={(tables[table.id as TableId] as CellTree | undefined) ?? null}
            totals={totals}
            findings={[]}
            targetOf={() => undefined}
            reference={null}
            referenceNote={null}
            readOnly={false}
            onChange={(cells) => setTables((all) => ({ ...all, [table.id]: cells }))}
            onBlur={() => undefined}
          />
        ))}
      </div>
      <div className="mt-4">
        {message && <FormMessage tone={message.tone}>{message.text}</FormMessage>}
        <Button onClick={save} disabled={busy}>
          {busy ? "正在保存…" : "保存本级数据"}
        </Button>
      </div>
    </section>
  );
}

/** 本级数据 for a reader (a leader, or a report no longer a draft). */
export function OwnFiguresView({ format, ownTables }: { format: FormatId; ownTables: ReportTables }) {
  return (
    <section aria-labelledby="own-heading">
      <h2 id="own-heading" className="mb-1 text-lg font-semibold">本级数据</h2>
      <p className="mb-3 text-sm text-muted">{OWN_FIGURES_NOTE}</p>
      {getFormat(format).tables.map((table) => (
        <StatisticsTable key={table.id} format={format} tableId={table.id as TableId} document={{ tables: ownTables }} idPrefix={`own-${table.id}`} />
      ))}
    </section>
  );
}
