import type { UnitFilterForm } from "@/lib/public/unit-regions";
import { FilterSelect, submitButtonClass, type FilterOption } from "./filter-fields";
import { UnitFilterFields } from "./unit-filter-fields";

/** The search uses the first 100 characters (MAX_QUERY_LENGTH in lib/public/search-query.ts); a longer paste would only make a huge URL. */
const QUERY_MAX_LENGTH = 100;

export interface SearchFormProps {
  /** The query shown in the box. */
  readonly query?: string;
  /** Year and unit (or region) filters (the search page); the home page shows only the box. */
  readonly filters?: {
    readonly years: readonly FilterOption[];
    readonly year: string;
    readonly unitFilter: UnitFilterForm;
  };
  /** Unique id prefix when the form appears more than once. */
  readonly id?: string;
}

/** Search box (GET /search): works without JavaScript. */
export function SearchForm({ query = "", filters, id = "search" }: SearchFormProps) {
  return (
    <form method="get" action="/search" role="search" aria-label="搜索年度报告" className="flex flex-wrap items-end gap-3">
      <div className="flex min-w-[16rem] flex-1 flex-col gap-1">
        <label htmlFor={`${id}-q`} className="text-[0.9em] font-medium text-ink">
          搜索关键词
        </label>
        <input
          id={`${id}-q`}
          type="search"
          name="q"
          defaultValue={query}
          placeholder="如：青石镇、依申请公开、行政复议"
          autoComplete="off"
          maxLength={QUERY_MAX_LENGTH}
          className="block w-full rounded border border-ink/40 bg-white px-3 py-2 text-[1em] text-ink placeholder:text-muted focus-visible:border-gov-red"
        />
      </div>
      {filters && (
        <>
          <FilterSelect id={`${id}-year`} name="year" label="报告年度" anyLabel="全部年度" options={filters.years} value={filters.year} />
          <UnitFilterFields id={id} form={filters.unitFilter} submitLabel="搜索" />
        </>
      )}
      <button type="submit" className={submitButtonClass}>
        搜索
      </button>
    </form>
  );
}
