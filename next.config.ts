import type { NextConfig } from "next";
import { HSTS_HEADER, SECURITY_HEADERS } from "./lib/security-headers";

const securityHeaders = Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The server compresses every response itself, with brotli as well as gzip (lib/serving/compression.ts).
  compress: false,
  // `npm test` runs `tsc --noEmit` as its own step before building; no need to check twice.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "exceljs"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS_HEADER] },
      {
        // Files of public/ linked with their content's hash (lib/static-assets.ts#versionedAsset).
        source: "/:file([\\w-]+\\.(?:svg|png|ico|webp))",
        has: [{ type: "query", key: "v" }],
        headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }],
      },
      {
        source: "/staff/:path*",
        headers: [{ key: "Cache-Control", value: "private, no-store" }],
      },
      {
        source: "/(login|change-password)",
        headers: [{ key: "Cache-Control", value: "private, no-store" }],
      },
    ];
  },
};

export default nextConfig;
