import type { UnitFilterForm } from "@/lib/public/unit-regions";
import { FilterSelect, submitButtonClass, type FilterOption } from "./filter-fields";
import { UnitFilterFields } from "./unit-filter-fields";

export interface ReportFiltersProps {
  readonly years: readonly FilterOption[];
  readonly year: string;
  readonly unitFilter: UnitFilterForm;
}

/** Year and unit (or region) filters of the report list: a plain GET form, works without JavaScript. */
export function ReportFilters({ years, year, unitFilter }: ReportFiltersProps) {
  const filtered = year || unitFilter.unit || (unitFilter.kind === "regions" && unitFilter.region);
  return (
    <form method="get" action="/reports" role="search" aria-label="筛选年度报告" className="mb-5 flex flex-wrap items-end gap-4 border border-line bg-white p-4 print:hidden">
      <FilterSelect id="filter-year" name="year" label="报告年度" anyLabel="全部年度" options={years} value={year} />
      <UnitFilterFields id="filter" form={unitFilter} submitLabel="筛选" />
      <button type="submit" className={submitButtonClass}>
        筛选
      </button>
      {filtered && (
        <a href="/reports" className="py-2 text-[0.9em] text-ink underline underline-offset-4">
          清除筛选
        </a>
      )}
    </form>
  );
}
