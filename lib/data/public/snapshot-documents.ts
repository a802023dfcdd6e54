import "server-only";
import { parseReportJson, type ReportDocument } from "@/lib/interchange";

/**
 * Parsed snapshots by edition: key, bound and (absent) invalidation of the cache in one place.
 * An edition's snapshot never changes once published, and the key carries its SHA-256, so an
 * entry never goes stale; the oldest entry leaves when the cache is full.
 */
const documentCache = new Map<string, ReportDocument>();
const DOCUMENT_CACHE_LIMIT = 256;

export function parseSnapshot(editionId: number, sha256: string, snapshot: string): ReportDocument {
  const key = `${editionId}:${sha256}`;
  const cached = documentCache.get(key);
  if (cached) return cached;
  const parsed = parseReportJson(snapshot);
  if (!parsed.ok) {
    throw new Error(`edition ${editionId}: stored snapshot is not a valid nianbao-report/1 document (${parsed.error.path}: ${parsed.error.message})`);
  }
  if (documentCache.size >= DOCUMENT_CACHE_LIMIT) {
    const oldest = documentCache.keys().next().value;
    if (oldest !== undefined) documentCache.delete(oldest);
  }
  documentCache.set(key, parsed.document);
  return parsed.document;
}
