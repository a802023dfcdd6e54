import type { CellChange, TextDiffPart } from "@/lib/diff";

/** A character diff of narrative text: insertions underlined green, deletions struck through red. */
export function TextDiffView({ parts }: { parts: TextDiffPart[] }) {
  if (parts.every((p) => p.change === "same")) return <p className="text-sm text-muted">内容相同。</p>;
  return (
    <div className="whitespace-pre-wrap rounded border border-line bg-white p-3 text-sm leading-7" data-testid="text-diff">
      {parts.map((part, i) =>
        part.change === "added" ? (
          <ins key={i} className="bg-green-100 text-green-900">
            {part.value}
          </ins>
        ) : part.change === "removed" ? (
          <del key={i} className="bg-red-100 text-red-900">
            {part.value}
          </del>
        ) : (
          <span key={i}>{part.value}</span>
        ),
      )}
    </div>
  );
}

const shown = (v: number | null | undefined) => (v === null || v === undefined ? "（空）" : String(v));

/** Changed table cells as old → new. */
export function CellChangesView({ changes }: { changes: CellChange[] }) {
  if (changes.length === 0) return <p className="text-sm text-muted">数字没有变化。</p>;
  return (
    <table className="w-full border-collapse bg-white text-sm" data-testid="cell-diff">
      <caption className="sr-only">变化的单元格</caption>
      <thead>
        <tr>
          <th scope="col" className="border border-line p-2 text-left">单元格</th>
          <th scope="col" className="border border-line p-2 text-right">原值</th>
          <th scope="col" className="border border-line p-2 text-right">新值</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.cell.id}>
            <th scope="row" className="border border-line p-2 text-left font-normal">{c.cell.name}</th>
            <td className="border border-line p-2 text-right tabular-nums">{shown(c.before)}</td>
            <td className="border border-line p-2 text-right tabular-nums">{shown(c.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
