import type { ActionResult } from "@/lib/action-result";
import type { CellTree } from "@/lib/interchange";

export interface SaveSectionRequest {
  reportId: number;
  sectionKey: string;
  baseVersion: number;
  html?: string;
  cells?: CellTree | null;
}

export type SaveSectionResponse =
  | { status: "saved"; version: number; savedAt: string }
  | {
      status: "conflict";
      theirs: { html: string; cells: CellTree | null; version: number; updatedAt: string | null; updatedBy: string | null };
    };

/**
 * Autosaves a section through its JSON route. Throws when the server cannot be reached or
 * fails (the caller retries); a refusal (4xx) comes back as a message to show.
 */
export async function saveSectionRequest({ reportId, sectionKey, ...body }: SaveSectionRequest): Promise<ActionResult<SaveSectionResponse>> {
  const response = await fetch(`/api/reports/${reportId}/sections/${encodeURIComponent(sectionKey)}`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status >= 500) throw new Error(`server answered ${response.status}`);
  const isJson = response.headers.get("content-type")?.includes("application/json");
  if (response.redirected || !isJson) {
    return { ok: false, message: "登录已失效，请在新标签页重新登录后再回到此页（修改已暂存在本机浏览器中）。" };
  }
  const data = await response.json();
  if (!response.ok) return { ok: false, message: data.message ?? "保存被拒绝。" };
  return { ok: true, data };
}
