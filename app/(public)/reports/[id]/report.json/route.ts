import { matchesEtag } from "@/lib/public/download-responses";
import { loadReportFile } from "../load-report-file";

export const dynamic = "force-dynamic";

/**
 * The live edition's snapshot exactly as published and hashed (or `?edition=N` for an earlier
 * one), with its SHA-256 as the entity tag, as a download (「下载原文数据」: a citizen gets a
 * file, not a screen of raw JSON). Withdrawn: 410 with the reason; unknown: 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const loaded = await loadReportFile(request, (await params).id);
  if ("response" in loaded) return loaded.response;
  const { file } = loaded;
  const etag = `"${file.sha256}"`;
  const headers = {
    "Content-Type": "application/json; charset=utf-8",
    ETag: etag,
    "Cache-Control": "public, max-age=0, must-revalidate",
    "Content-Disposition": `attachment; filename="report-${file.id}${file.isLive ? "" : `-edition-${file.edition}`}.json"`,
    "X-Content-SHA256": file.sha256,
  };
  if (matchesEtag(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(file.snapshot, { status: 200, headers });
}
