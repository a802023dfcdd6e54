import { firstParam, parseId } from "@/components/public/url-params";
import { getPublicReportFile } from "@/lib/data/public-reports";
import { goneResponse, matchesEtag, notFoundResponse } from "@/lib/data/public-responses";

export const dynamic = "force-dynamic";

/**
 * The live edition's snapshot exactly as published and hashed (or `?edition=N` for an earlier
 * one), with its SHA-256 as the entity tag. Withdrawn: 410 with the reason; unknown: 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = parseId((await params).id);
  const rawEdition = firstParam(new URL(request.url).searchParams.get("edition") ?? undefined);
  const edition = rawEdition ? parseId(rawEdition) : null;
  if (id === null || (rawEdition && edition === null)) return notFoundResponse();
  const result = await getPublicReportFile(id, edition);
  if (!result) return notFoundResponse();
  if (result.kind === "withdrawn") return goneResponse(result.notice);

  const { file } = result;
  const etag = `"${file.sha256}"`;
  const headers = {
    "Content-Type": "application/json; charset=utf-8",
    ETag: etag,
    "Cache-Control": "public, max-age=0, must-revalidate",
    "Content-Disposition": `inline; filename="report-${file.id}${file.isLive ? "" : `-edition-${file.edition}`}.json"`,
    "X-Content-SHA256": file.sha256,
  };
  if (matchesEtag(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(file.snapshot, { status: 200, headers });
}
