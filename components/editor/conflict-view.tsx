"use client";

import { listCells, type FormatId } from "@/lib/formats";
import { getTableValue, type CellTree, type ReportTables } from "@/lib/interchange";
import { chinaDateTime } from "@/lib/time";

export interface ConflictState {
  mine: { html: string } | { cells: CellTree };
  theirs: { html: string; cells: CellTree | null; version: number; updatedAt: Date | null; updatedBy: string | null };
}

interface ConflictViewProps {
  conflict: ConflictState;
  kind: "narrative" | "table";
  format: FormatId;
  onChoose: (choice: "theirs" | "mine") => void;
}

const when = (d: Date | null) => (d ? chinaDateTime(new Date(d)) : "");

/**
 * Someone saved this section after this editor loaded it. Both versions are shown side by side
 * and nothing is lost either way: the version not chosen stays in the section's history.
 */
export function ConflictView({ conflict, kind, format, onChoose }: ConflictViewProps) {
  const { mine, theirs } = conflict;
  return (
    <section aria-labelledby="conflict-heading" className="rounded border-2 border-amber-400 bg-amber-50 p-4" data-testid="conflict">
      <h3 id="conflict-heading" className="mb-2 text-lg font-semibold text-amber-950">
        此节已被他人修改
      </h3>
      <p className="mb-4 text-sm">
        {theirs.updatedBy ?? "其他人"} 于 {when(theirs.updatedAt)} 保存了此节。您的修改尚未保存。请比较两个版本后选择；未被选用的版本会保留在「本节历史版本」中。
        如需合并，请选择「保留我的版本」，再在编辑区中参照对方的内容修改。
      </p>
      {kind === "narrative" && "html" in mine ? (
        <div className="grid gap-4 md:grid-cols-2">
          <VersionPane title={`对方的版本（${theirs.updatedBy ?? "其他人"}，${when(theirs.updatedAt)}）`} html={theirs.html} testId="conflict-theirs" />
          <VersionPane title="我的版本（未保存）" html={mine.html} testId="conflict-mine" />
        </div>
      ) : (
        <CellDifferences format={format} mine={"cells" in mine ? mine.cells : {}} theirs={theirs.cells ?? {}} />
      )}
      <div className="mt-4 flex flex-wrap gap-3">
        <button type="button" onClick={() => onChoose("theirs")} className="rounded border border-line bg-white px-4 py-2 text-sm">
          采用对方的版本
        </button>
        <button type="button" onClick={() => onChoose("mine")} className="rounded bg-gov-red px-4 py-2 text-sm text-white">
          保留我的版本
        </button>
      </div>
    </section>
  );
}

function VersionPane({ title, html, testId }: { title: string; html: string; testId: string }) {
  return (
    <div className="rounded border border-line bg-white p-3">
      <h4 className="mb-2 text-sm font-semibold">{title}</h4>
      {/* Both versions are sanitised HTML: the server's copy was sanitised on save, ours comes from the editor's schema. */}
      <div data-testid={testId} className="text-sm [&_p]:mb-2" dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}

function CellDifferences({ format, mine, theirs }: { format: FormatId; mine: CellTree; theirs: CellTree }) {
  const differences = listCells(format)
    .filter((cell) => !cell.computed)
    .map((cell) => {
      const tableOf = (tree: CellTree): ReportTables => ({ [cell.tableId]: tree });
      return { cell, mine: getTableValue(tableOf(mine), cell.id), theirs: getTableValue(tableOf(theirs), cell.id) };
    })
    .filter((d) => d.mine !== undefined && d.mine !== d.theirs);
  if (differences.length === 0) return <p className="text-sm">两个版本的数字相同。</p>;
  return (
    <table className="w-full border-collapse bg-white text-sm">
      <caption className="sr-only">两个版本不同的单元格</caption>
      <thead>
        <tr>
          <th scope="col" className="border border-line p-2 text-left">单元格</th>
          <th scope="col" className="border border-line p-2 text-right">对方的版本</th>
          <th scope="col" className="border border-line p-2 text-right">我的版本</th>
        </tr>
      </thead>
      <tbody>
        {differences.map((d) => (
          <tr key={d.cell.id}>
            <th scope="row" className="border border-line p-2 text-left font-normal">{d.cell.name}</th>
            <td className="border border-line p-2 text-right tabular-nums">{d.theirs ?? "（空）"}</td>
            <td className="border border-line p-2 text-right tabular-nums">{d.mine ?? "（空）"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
