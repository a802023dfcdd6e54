import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";

export interface ManifestEntry {
  filename: string;
  exportedName: string;
  workers: Record<string, unknown>;
}

function readManifest(): { node: Record<string, ManifestEntry> } {
  const manifestPath = path.join(process.cwd(), ".next/server/server-reference-manifest.json");
  return JSON.parse(fs.readFileSync(manifestPath, "utf8")) as { node: Record<string, ManifestEntry> };
}

/** Every server action of the production build (what a client could call). */
export function serverActionEntries(): ManifestEntry[] {
  return Object.values(readManifest().node);
}

/** Finds a server action's id in the production build's manifest (as an attacker could from the client bundle). */
export function serverActionId(filename: string, exportedName: string): string {
  const manifest = readManifest();
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === filename && entry.exportedName === exportedName,
  );
  if (!found) throw new Error(`server action ${filename}#${exportedName} not found in the build`);
  return found[0];
}

/** Calls a server action directly over HTTP with JSON-encodable arguments, like React's client does. */
export function callServerAction(
  request: APIRequestContext,
  pagePath: string,
  actionId: string,
  args: unknown[],
  baseURL: string,
): Promise<APIResponse> {
  return request.post(pagePath, {
    headers: {
      "Next-Action": actionId,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: baseURL,
    },
    data: JSON.stringify(args),
  });
}
