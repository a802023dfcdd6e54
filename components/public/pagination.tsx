import { queryString } from "@/lib/public/url-params";

export interface PaginationProps {
  readonly page: number;
  readonly pageCount: number;
  readonly path: string;
  /** The other query parameters to keep (page is added). */
  readonly params: Readonly<Record<string, string | number | null | undefined>>;
}

/** Page numbers around the current one, with the first and last always shown. */
export function pageWindow(page: number, pageCount: number, radius = 2): (number | "gap")[] {
  const pages = new Set<number>([1, pageCount]);
  for (let p = page - radius; p <= page + radius; p += 1) if (p >= 1 && p <= pageCount) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  sorted.forEach((p, i) => {
    const prev = sorted[i - 1];
    if (prev !== undefined && p - prev > 1) out.push("gap");
    out.push(p);
  });
  return out;
}

const linkClass = "inline-block min-w-9 border border-line bg-white px-3 py-1.5 text-center text-ink no-underline hover:border-gov-red hover:text-gov-red";

/** 上一页 / page numbers / 下一页 as plain links (nothing when there is one page). */
export function Pagination({ page, pageCount, path, params }: PaginationProps) {
  if (pageCount <= 1) return null;
  const href = (p: number) => `${path}${queryString({ ...params, page: p > 1 ? p : undefined })}`;
  return (
    <nav aria-label="分页" className="mt-6 print:hidden">
      <ul className="flex flex-wrap items-center gap-2 text-[0.9em]">
        {page > 1 && (
          <li>
            <a href={href(page - 1)} className={linkClass} rel="prev">
              上一页
            </a>
          </li>
        )}
        {pageWindow(page, pageCount).map((p, i) =>
          p === "gap" ? (
            <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-muted">
              …
            </li>
          ) : (
            <li key={p}>
              {p === page ? (
                <span aria-current="page" className={`${linkClass} border-gov-red bg-gov-red text-white hover:text-white`}>
                  <span className="sr-only">第</span>
                  {p}
                  <span className="sr-only">页</span>
                </span>
              ) : (
                <a href={href(p)} className={linkClass}>
                  <span className="sr-only">第</span>
                  {p}
                  <span className="sr-only">页</span>
                </a>
              )}
            </li>
          ),
        )}
        {page < pageCount && (
          <li>
            <a href={href(page + 1)} className={linkClass} rel="next">
              下一页
            </a>
          </li>
        )}
        <li className="text-muted">
          第 {page} / {pageCount} 页
        </li>
      </ul>
    </nav>
  );
}
