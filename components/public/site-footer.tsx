
export interface SiteFooterProps {
  readonly siteName: string;
}

/** Footer with the open-data and subscription links (hidden in print). */
export function SiteFooter({ siteName }: SiteFooterProps) {
  return (
    <footer className="mt-12 border-t-4 border-gov-red bg-white print:hidden">
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-6 text-sm text-muted sm:px-6">
        <ul className="flex flex-wrap gap-x-5 gap-y-1">
          <li>
            <a href="/reports" className="text-ink underline-offset-2 hover:underline">
              政府信息公开年报
            </a>
          </li>
          <li>
            <a href="/open-data" className="text-ink underline-offset-2 hover:underline">
              数据开放
            </a>
          </li>
          <li>
            <a href="/feed.xml" className="text-ink underline-offset-2 hover:underline">
              订阅更新（RSS/Atom）
            </a>
          </li>
          <li>
            <a href="/sitemap.xml" className="text-ink underline-offset-2 hover:underline">
              网站地图
            </a>
          </li>
        </ul>
        <p>{siteName}</p>
        <p>年度报告以发布的版本为准；每份报告均提供 SHA-256 校验值，可核对下载的原文是否完整。</p>
      </div>
    </footer>
  );
}
