import type { UnitFilterForm } from "@/lib/public/unit-regions";
import { FilterSelect } from "./filter-fields";

/** Indents a region below the one above it (full-width spaces: a <select> shows no other markup). */
const indented = (label: string, depth: number) => `${"\u3000".repeat(depth)}${label}`;

/**
 * The 发布机构 filter of a GET form. A county's site: one list of its units. A province's: first
 * 所在地区 (the province, its cities, the counties of the chosen city), then — after the form is
 * sent once, since public pages run no script — the units of the chosen region.
 */
export function UnitFilterFields({ id, form, submitLabel }: { readonly id: string; readonly form: UnitFilterForm; readonly submitLabel: string }) {
  if (form.kind === "units") {
    return (
      <FilterSelect
        id={`${id}-unit`}
        name="unit"
        label="发布机构"
        anyLabel="全部发布机构"
        options={form.units.map((u) => ({ value: String(u.id), label: u.name }))}
        value={form.unit ? String(form.unit.id) : ""}
      />
    );
  }
  const hintId = `${id}-region-hint`;
  const hint = !form.region
    ? `先选择所在地区并点击「${submitLabel}」，再选择该地区的发布机构。`
    : form.hasSubRegions
      ? `下级地区的发布机构，请在「所在地区」中选择该地区后点击「${submitLabel}」。`
      : null;
  return (
    <>
      <FilterSelect
        id={`${id}-region`}
        name="region"
        label="所在地区"
        anyLabel="全部地区"
        options={form.regions.map((r) => ({ value: String(r.id), label: indented(r.label, r.depth) }))}
        value={form.region ? String(form.region.id) : ""}
        describedBy={hint ? hintId : undefined}
      />
      {form.region && (
        <FilterSelect
          id={`${id}-unit`}
          name="unit"
          label="发布机构"
          anyLabel={`${form.region.name}全部发布机构`}
          options={form.units.map((u) => ({ value: String(u.id), label: u.name }))}
          value={form.unit ? String(form.unit.id) : ""}
          describedBy={hint ? hintId : undefined}
        />
      )}
      {hint && (
        <p id={hintId} className="order-last basis-full text-[0.85em] text-muted">
          {hint}
        </p>
      )}
    </>
  );
}
