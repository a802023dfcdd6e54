import type { MetadataRoute } from "next";
import { publicSiteUrl } from "@/lib/public/site-url";

export const dynamic = "force-dynamic";

/** Public pages may be crawled; staff screens, sign-in and the API may not. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/staff", "/login", "/change-password", "/api"] }],
    sitemap: `${publicSiteUrl()}/sitemap.xml`,
  };
}
