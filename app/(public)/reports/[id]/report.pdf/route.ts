import { originalResponse } from "../original-response";

export const dynamic = "force-dynamic";

/** 「下载原文（PDF）」: the edition's PDF as laid out after GB/T 9704 (lib/document/print-html.ts). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return originalResponse(request, (await params).id, "pdf");
}
