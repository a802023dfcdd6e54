import type { Metadata } from "next";
import { SiteFooter } from "@/components/public/site-footer";
import { SiteHeader } from "@/components/public/site-header";
import { publicSiteUrl } from "@/lib/public/site-url";
import { siteIdentity, siteName } from "@/lib/site";
import "./public.css";

export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(publicSiteUrl()),
    alternates: { types: { "application/atom+xml": [{ url: "/feed.xml", title: `${siteName()} · 年度报告更新` }] } },
  };
}

/**
 * Citizen pages: no session is read anywhere below this layout, and no script is needed — the
 * server sends them as plain HTML (`data-static-page`, lib/serving/static-page.ts). The layout
 * cannot see the reading preferences (they are query parameters of the page), so 长者模式
 * reaches the header, menu and footer through CSS: `.public-shell:has(.elder-mode)` in public.css.
 */
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="public-shell flex min-h-screen flex-col" data-static-page="">
      <SiteHeader siteName={siteName()} />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-3 py-4 sm:px-6 sm:py-6 print:max-w-none print:p-0">
        {children}
      </main>
      <SiteFooter siteName={siteName()} identity={siteIdentity()} />
    </div>
  );
}
