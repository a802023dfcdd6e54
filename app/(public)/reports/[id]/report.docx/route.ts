import { originalResponse } from "../original-response";

export const dynamic = "force-dynamic";

/** 「下载原文（Word）」: the edition's Word file, once the background job has made it. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return originalResponse(request, (await params).id, "docx");
}
