import { narrativeDiff, tableDiff } from "@/lib/diff";
import { getFormat } from "@/lib/formats";
import type { ReportDocument } from "@/lib/interchange";
import { CellChangesView, TextDiffView } from "./change-view";

/** What changed between two versions of a report, section by section (unchanged ones omitted). */
export function DocumentChanges({ title, before, after, testId }: { title: string; before: ReportDocument; after: ReportDocument; testId: string }) {
  const format = getFormat(after.format);
  const beforeSections = new Map(before.sections.map((s) => [s.key, s]));
  const narrative = after.sections
    .map((s) => ({ section: s, parts: narrativeDiff(beforeSections.get(s.key)?.html ?? "", s.html) }))
    .filter((d) => d.parts.some((p) => p.change !== "same"));
  const tables = format.tables
    .map((t) => ({
      table: t,
      changes: tableDiff(
        after.format,
        t.id,
        before.format !== "legacy-freeform" ? (before.tables?.[t.id] ?? null) : null,
        after.format !== "legacy-freeform" ? (after.tables?.[t.id] ?? null) : null,
      ),
    }))
    .filter((d) => d.changes.length > 0);
  return (
    <section aria-label={title} className="rounded border border-line bg-white p-4" data-testid={testId}>
      <h2 className="mb-3 text-lg font-semibold">{title}</h2>
      {narrative.length === 0 && tables.length === 0 && before.title === after.title && <p className="text-sm text-muted">没有变化。</p>}
      {before.title !== after.title && (
        <p className="mb-3 text-sm">
          标题：{before.title} → {after.title}
        </p>
      )}
      <div className="space-y-4">
        {narrative.map(({ section, parts }) => (
          <div key={section.key}>
            <h3 className="mb-1 text-sm font-semibold">{section.heading || "导语"}</h3>
            <TextDiffView parts={parts} />
          </div>
        ))}
        {tables.map(({ table, changes }) => (
          <div key={table.id}>
            <h3 className="mb-1 text-sm font-semibold">{table.title}</h3>
            <CellChangesView changes={changes} />
          </div>
        ))}
      </div>
    </section>
  );
}
