import { firstParam, parseId } from "@/lib/public/url-params";
import { getPublicReportFile } from "@/lib/data/public/report";
import { goneResponse, notFoundResponse } from "@/lib/public/download-responses";
import type { PublicReportFile } from "@/lib/public/types";

/**
 * The published file a download route asks for (`?edition=N` for an earlier edition), or the
 * answer when there is none: 404 for unknown ids and drafts, 410 with the reason when withdrawn.
 */
export async function loadReportFile(request: Request, idParam: string): Promise<{ file: PublicReportFile } | { response: Response }> {
  const id = parseId(idParam);
  const rawEdition = firstParam(new URL(request.url).searchParams.get("edition") ?? undefined);
  const edition = rawEdition ? parseId(rawEdition) : null;
  if (id === null || (rawEdition && edition === null)) return { response: notFoundResponse() };
  const result = await getPublicReportFile(id, edition);
  if (!result) return { response: notFoundResponse() };
  if (result.kind === "withdrawn") return { response: goneResponse(result.notice) };
  return { file: result.file };
}
