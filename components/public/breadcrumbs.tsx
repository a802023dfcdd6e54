
export interface Crumb {
  readonly label: string;
  /** Omitted for the current page. */
  readonly href?: string;
}

/** 「首页 > 政府信息公开年报 > …」; the last item is the current page. */
export function Breadcrumbs({ items }: { readonly items: readonly Crumb[] }) {
  return (
    <nav aria-label="当前位置" className="mb-4 flex flex-wrap gap-x-1 text-[0.875em] text-muted print:hidden">
      <span aria-hidden="true">当前位置：</span>
      <ol className="flex flex-wrap items-center gap-x-1 gap-y-1">
        {items.map((item, i) => {
          const last = i === items.length - 1;
          return (
            <li key={`${i}-${item.label}`} className="flex items-center gap-x-1">
              {i > 0 && <span aria-hidden="true">&gt;</span>}
              {item.href && !last ? (
                <a href={item.href} className="text-ink underline-offset-2 hover:text-gov-red hover:underline">
                  {item.label}
                </a>
              ) : (
                <span aria-current={last ? "page" : undefined} className={last ? "text-ink" : undefined}>
                  {item.label}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** The first two crumbs of every page below the home page. */
export const HOME_CRUMB: Crumb = { label: "首页", href: "/" };
export const REPORTS_CRUMB: Crumb = { label: "政府信息公开年报", href: "/reports" };
