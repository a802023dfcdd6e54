export interface ReportEdition {
  /** Report year, e.g. 2023. */
  readonly year: number;
  /** Link to that year's report page. */
  readonly href: string;
  /** Link text; defaults to 「YYYY年度报告」. */
  readonly label?: string;
  /** The report being shown. */
  readonly current?: boolean;
}

export interface ReportEditionsProps {
  readonly editions: readonly ReportEdition[];
}

/** Links to the same unit's reports of other years (历年报告), newest first as given. */
export function ReportEditions({ editions }: ReportEditionsProps) {
  if (editions.length === 0) return null;
  return (
    <nav aria-label="历年报告" className="mt-10 border-t border-line pt-4 text-sm print:hidden">
      <h2 className="mb-2 font-bold text-ink">历年报告</h2>
      <ul className="flex flex-wrap gap-x-4 gap-y-2">
        {editions.map((edition) => {
          const label = edition.label ?? `${edition.year}年度报告`;
          return (
            <li key={`${edition.year}-${edition.href}`}>
              {edition.current ? (
                <span aria-current="page" className="font-bold text-ink">
                  {label}
                </span>
              ) : (
                <a href={edition.href} className="text-gov-red underline underline-offset-2 hover:text-gov-red-dark">
                  {label}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
