
export interface SiteHeaderProps {
  readonly siteName: string;
}

const NAV_ITEMS = [
  { href: "/", label: "首页" },
  { href: "/reports", label: "政府信息公开年报" },
  { href: "/search", label: "站内搜索" },
  { href: "/open-data", label: "数据开放" },
] as const;

/**
 * The gov-red band with the site name and the main navigation (hidden in print). On a phone it
 * stays compact (site name and 工作人员登录 on one band, the four menu items on one row) so the
 * report starts in the first screen; 长者模式 enlarges it through app/(public)/public.css.
 */
export function SiteHeader({ siteName }: SiteHeaderProps) {
  return (
    <header className="bg-gov-red text-white print:hidden" data-site-header>
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-x-3 px-3 py-2 sm:flex-wrap sm:gap-x-6 sm:gap-y-2 sm:px-6 sm:py-5">
        <a href="/" className="flex min-w-0 items-center gap-2 text-white no-underline focus-visible:outline-white sm:gap-3">
          <span
            aria-hidden="true"
            className="grid size-[2em] shrink-0 place-items-center rounded-full border-2 border-white/80 font-serif text-[1em] font-bold sm:size-[2.25em] sm:text-[1.125em]"
          >
            公
          </span>
          <span className="flex min-w-0 flex-col">
            <span className="font-serif text-[1em] leading-snug font-bold tracking-wide sm:text-[1.5em]">{siteName}</span>
            <span className="text-[0.75em] leading-snug text-white sm:text-[0.875em]">政府信息公开工作年度报告</span>
          </span>
        </a>
        <a
          href="/login"
          className="inline-flex min-h-11 shrink-0 items-center text-[0.75em] text-white underline underline-offset-4 focus-visible:outline-white sm:min-h-0 sm:text-[0.875em]"
        >
          工作人员登录
        </a>
      </div>
      <nav aria-label="主导航" className="bg-gov-red-dark" data-site-nav>
        <ul className="mx-auto flex max-w-6xl flex-wrap px-1 sm:px-4">
          {NAV_ITEMS.map((item) => (
            <li key={item.href}>
              <a
                href={item.href}
                className="site-nav-link"
              >
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
