import type { Metadata } from "next";
import { connection } from "next/server";
import { isDemoSite } from "@/lib/data/demo";
import { siteName } from "@/lib/site";
import { versionedAsset } from "@/lib/static-assets";
import "./globals.css";

export function generateMetadata(): Metadata {
  return {
    title: { default: siteName(), template: `%s · ${siteName()}` },
    description: "政府信息公开工作年度报告的编写、审核与公开。",
    icons: { icon: [{ url: versionedAsset("/favicon.svg"), type: "image/svg+xml" }] },
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The demo notice depends on the running server's database, not on the build.
  await connection();
  return (
    <html lang="zh-CN">
      <body className="min-h-screen font-sans antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:px-3 focus:py-2"
        >
          跳到主要内容
        </a>
        {(await isDemoSite()) && (
          <aside aria-label="演示数据提示" className="bg-amber-100 px-4 py-1 text-center text-sm text-amber-900 print:hidden">
            演示数据：本站点中的单位、人员和数字均为虚构，仅供演示。
          </aside>
        )}
        {children}
      </body>
    </html>
  );
}
