import { getPublicOriginal } from "@/lib/data/public/report";
import { attachmentDisposition } from "@/lib/csv";
import { EDITION_FILE_MEDIA_TYPES, type EditionFileKind } from "@/lib/document/file-kinds";
import { goneResponse, matchesEtag, notFoundResponse } from "@/lib/public/download-responses";
import { firstParam, parseId } from "@/lib/public/url-params";

/**
 * report.pdf / report.docx: the 原文 file of the live edition (or `?edition=N`), generated once
 * after publication by the server's background job, as a download with its Chinese name and its
 * SHA-256 as the entity tag. 404 for unknown ids, drafts and a file not made yet (the report page
 * says 「原文正在生成」 meanwhile); 410 with the reason when withdrawn.
 */
export async function originalResponse(request: Request, idParam: string, kind: EditionFileKind): Promise<Response> {
  const id = parseId(idParam);
  const rawEdition = firstParam(new URL(request.url).searchParams.get("edition") ?? undefined);
  const edition = rawEdition ? parseId(rawEdition) : null;
  if (id === null || (rawEdition && edition === null)) return notFoundResponse();
  const result = await getPublicOriginal(id, edition, kind);
  if (!result || result.kind === "pending") return notFoundResponse();
  if (result.kind === "withdrawn") return goneResponse(result.notice);
  const { file } = result;
  const etag = `"${file.sha256}"`;
  const headers = {
    "Content-Type": EDITION_FILE_MEDIA_TYPES[kind],
    ETag: etag,
    "Cache-Control": "public, max-age=0, must-revalidate",
    "Content-Disposition": attachmentDisposition(file.fileName, file.asciiName),
    "X-Content-SHA256": file.sha256,
  };
  if (matchesEtag(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(file.content), { status: 200, headers: { ...headers, "Content-Length": String(file.byteSize) } });
}
