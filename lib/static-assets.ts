import "server-only";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

/** Query key of a versioned file of public/: such URLs are cached for a year (next.config.ts). */
export const ASSET_VERSION_PARAM = "v";

const versions = new Map<string, string>();

/**
 * The URL of a file of public/ (the favicon, the site's logo) with a hash of its content in the
 * query: the browser keeps it for a year, and a changed file gets a new URL.
 */
export function versionedAsset(file: `/${string}`): string {
  let version = versions.get(file);
  if (version === undefined) {
    version = createHash("sha256").update(readFileSync(path.join(process.cwd(), "public", file))).digest("hex").slice(0, 12);
    versions.set(file, version);
  }
  return `${file}?${ASSET_VERSION_PARAM}=${version}`;
}
