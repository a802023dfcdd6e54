import { buttonLinkClass } from "@/components/ui/button";

/**
 * 「报告年度」 and 「查看」: a plain GET form that reloads the page for another year (works without
 * JavaScript). `keep` carries other query parameters (e.g. the sort) through the change;
 * `allYears` adds an option for every year (value "all") under that label.
 */
export function YearPicker({
  year,
  years,
  keep = {},
  allYears,
}: {
  year: number | "all";
  years: readonly number[];
  keep?: Readonly<Record<string, string>>;
  allYears?: string;
}) {
  return (
    <form method="get" className="mb-6 flex flex-wrap items-end gap-3 rounded border border-line bg-white p-4">
      <label className="text-sm">
        报告年度
        <select name="year" defaultValue={String(year)} className="ml-2 rounded border border-line px-2 py-1">
          {allYears && <option value="all">{allYears}</option>}
          {years.map((y) => (
            <option key={y} value={y}>
              {y}年
            </option>
          ))}
        </select>
      </label>
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={buttonLinkClass("secondary")}>
        查看
      </button>
    </form>
  );
}
