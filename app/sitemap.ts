import type { MetadataRoute } from "next";
import { listSitemapEntries } from "@/lib/data/public/feed";
import { publicSiteUrl } from "@/lib/public/site-url";

// Built from the database at request time (never at build time).
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = publicSiteUrl();
  const entries = await listSitemapEntries();
  const lastModified = entries.lastModified ?? undefined;
  return [
    { url: `${base}/`, lastModified, changeFrequency: "daily", priority: 1 },
    { url: `${base}/reports`, lastModified, changeFrequency: "daily", priority: 0.9 },
    { url: `${base}/open-data`, lastModified, changeFrequency: "monthly", priority: 0.5 },
    ...entries.years.map((y) => ({ url: `${base}/reports?year=${y.year}`, lastModified: y.lastModified, changeFrequency: "monthly" as const, priority: 0.6 })),
    ...entries.units.map((u) => ({ url: `${base}/units/${u.id}`, lastModified: u.lastModified, changeFrequency: "monthly" as const, priority: 0.6 })),
    ...entries.reports.map((r) => ({ url: `${base}/reports/${r.id}`, lastModified: r.lastModified, changeFrequency: "yearly" as const, priority: 0.8 })),
  ];
}
