export interface FieldRow {
  readonly field: string;
  readonly type: string;
  readonly description: string;
}

/** A documentation table of fields: 字段 / 类型 / 说明. */
export function FieldTable({ caption, rows }: { readonly caption: string; readonly rows: readonly FieldRow[] }) {
  return (
    <div className="mt-3 overflow-x-auto" role="region" aria-label={`${caption}（表格可左右滚动）`} tabIndex={0}>
      <table className="w-full min-w-[36rem] border-collapse border border-line bg-white text-[0.9em]">
        <caption className="mb-1 text-left font-medium text-muted">{caption}</caption>
        <thead>
          <tr className="bg-paper">
            <th scope="col" className="border border-line px-3 py-1.5 text-left">
              字段
            </th>
            <th scope="col" className="border border-line px-3 py-1.5 text-left">
              类型
            </th>
            <th scope="col" className="border border-line px-3 py-1.5 text-left">
              说明
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field}>
              <th scope="row" className="border border-line px-3 py-1.5 text-left align-top font-normal">
                <code className="font-mono text-[0.95em] break-all">{r.field}</code>
              </th>
              <td className="border border-line px-3 py-1.5 align-top whitespace-nowrap">{r.type}</td>
              <td className="border border-line px-3 py-1.5 align-top">{r.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
