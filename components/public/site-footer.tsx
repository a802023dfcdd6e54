
import type { SiteIdentity } from "@/lib/site";

export interface SiteFooterProps {
  readonly siteName: string;
  readonly identity: SiteIdentity;
}

/** The statements a government site's footer carries, in their usual order (unset ones left out). */
function identityLines(identity: SiteIdentity): [label: string, value: string][] {
  const lines: [string, string | undefined][] = [
    ["主办单位", identity.sponsor],
    ["承办单位", identity.organizer],
    ["联系电话", identity.phone],
    ["地址", identity.address],
    ["网站标识码", identity.idCode],
    ["ICP备案号", identity.icp],
    ["公安机关备案号", identity.psb],
  ];
  return lines.filter((line): line is [string, string] => Boolean(line[1]));
}

/** Footer with the site's statements, the open-data and subscription links (hidden in print). */
export function SiteFooter({ siteName, identity }: SiteFooterProps) {
  const lines = identityLines(identity);
  return (
    <footer className="mt-12 border-t-4 border-gov-red bg-white print:hidden" data-site-footer>
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-6 text-[0.875em] text-muted sm:px-6">
        <ul className="flex flex-wrap gap-x-5">
          <li>
            <a href="/reports" className="inline-block py-1.5 text-ink underline-offset-2 hover:underline">
              政府信息公开年报
            </a>
          </li>
          <li>
            <a href="/open-data" className="inline-block py-1.5 text-ink underline-offset-2 hover:underline">
              数据开放
            </a>
          </li>
          <li>
            <a href="/feed.xml" className="inline-block py-1.5 text-ink underline-offset-2 hover:underline">
              订阅更新（RSS/Atom）
            </a>
          </li>
          <li>
            <a href="/sitemap.xml" className="inline-block py-1.5 text-ink underline-offset-2 hover:underline">
              网站地图
            </a>
          </li>
        </ul>
        <p>{siteName}</p>
        {lines.length > 0 && (
          <dl className="flex flex-wrap gap-x-5 gap-y-1" data-site-identity>
            {lines.map(([label, value]) => (
              <div key={label} className="flex gap-1">
                <dt>{label}：</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        )}
        {identity.errorReportUrl && (
          <p>
            <a href={identity.errorReportUrl} className="text-ink underline underline-offset-2 hover:text-gov-red">
              我为政府网站找错
            </a>
          </p>
        )}
        <p>年度报告以发布的版本为准；每份报告均提供 SHA-256 校验值，可核对下载的原文是否完整。</p>
      </div>
    </footer>
  );
}
