import { FilterSelect, submitButtonClass, type FilterOption } from "./filter-fields";

export interface ReportFiltersProps {
  readonly years: readonly FilterOption[];
  readonly units: readonly FilterOption[];
  readonly year: string;
  readonly unit: string;
}

/** Year and unit filters of the report list: a plain GET form, works without JavaScript. */
export function ReportFilters({ years, units, year, unit }: ReportFiltersProps) {
  return (
    <form method="get" action="/reports" role="search" aria-label="筛选年度报告" className="mb-5 flex flex-wrap items-end gap-4 border border-line bg-white p-4 print:hidden">
      <FilterSelect id="filter-year" name="year" label="报告年度" anyLabel="全部年度" options={years} value={year} />
      <FilterSelect id="filter-unit" name="unit" label="发布机构" anyLabel="全部发布机构" options={units} value={unit} />
      <button type="submit" className={submitButtonClass}>
        筛选
      </button>
      {(year || unit) && (
        <a href="/reports" className="py-2 text-[0.9em] text-ink underline underline-offset-4">
          清除筛选
        </a>
      )}
    </form>
  );
}
