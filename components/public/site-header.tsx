
export interface SiteHeaderProps {
  readonly siteName: string;
}

const NAV_ITEMS = [
  { href: "/", label: "首页" },
  { href: "/reports", label: "政府信息公开年报" },
  { href: "/search", label: "站内搜索" },
  { href: "/open-data", label: "数据开放" },
] as const;

/** The gov-red band with the site name and the main navigation (hidden in print). */
export function SiteHeader({ siteName }: SiteHeaderProps) {
  return (
    <header className="bg-gov-red text-white print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-5 sm:px-6">
        <a href="/" className="flex items-center gap-3 text-white no-underline focus-visible:outline-white">
          <span aria-hidden="true" className="grid size-10 shrink-0 place-items-center rounded-full border-2 border-white/80 font-serif text-lg font-bold">
            公
          </span>
          <span className="flex flex-col">
            <span className="font-serif text-xl font-bold tracking-wide sm:text-2xl">{siteName}</span>
            <span className="text-sm text-white/90">政府信息公开工作年度报告</span>
          </span>
        </a>
        <a href="/login" className="text-sm text-white underline underline-offset-4 focus-visible:outline-white">
          工作人员登录
        </a>
      </div>
      <nav aria-label="主导航" className="bg-gov-red-dark">
        <ul className="mx-auto flex max-w-6xl flex-wrap px-2 sm:px-4">
          {NAV_ITEMS.map((item) => (
            <li key={item.href}>
              <a
                href={item.href}
                className="block px-4 py-2.5 text-[0.95em] text-white no-underline hover:bg-white/10 hover:underline focus-visible:bg-white/10 focus-visible:outline-white focus-visible:-outline-offset-4"
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
