/**
 * Addresses of the public site: the base URL for absolute links (QR code, feed, sitemap, open
 * data) and the path of a report page. Pure apart from reading the environment.
 */
import { env } from "@/lib/env";

/**
 * The public base URL for absolute links: SITE_URL when set (e.g. https://xxgk.example.gov.cn
 * behind nginx), else this server on localhost.
 */
export function publicSiteUrl(): string {
  const configured = env().SITE_URL;
  if (configured) return configured.replace(/\/+$/, "");
  return `http://localhost:${process.env.PORT || 3000}`;
}

/** Path of a report page (optionally of an earlier edition). */
export function reportPath(id: number, edition?: number | null): string {
  return edition ? `/reports/${id}?edition=${edition}` : `/reports/${id}`;
}

export function absoluteUrl(path: string): string {
  return `${publicSiteUrl()}${path}`;
}
