/**
 * Plain-text answers of the public download routes (404, 410) and the 410 message of a
 * withdrawn report. Pure: used by the route handlers in app/(public).
 */

import { chineseDate } from "@/lib/time";

const TEXT_HEADERS = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-cache" };

export function notFoundResponse(): Response {
  return new Response("未找到该内容：该报告不存在或尚未公开。\n", { status: 404, headers: TEXT_HEADERS });
}

/** 「本报告已于YYYY年M月D日撤回。撤回原因：…」 */
export function withdrawalMessage(notice: { title: string; withdrawnAt: Date | null; reason: string | null }): string {
  const at = notice.withdrawnAt;
  const date = at ? chineseDate(at) : null;
  const reason = notice.reason?.trim() || "未说明";
  return `《${notice.title}》${date ? `已于${date}` : "已"}撤回，原内容不再公开。撤回原因：${reason}\n`;
}

export function goneResponse(notice: { title: string; withdrawnAt: Date | null; reason: string | null }): Response {
  return new Response(withdrawalMessage(notice), { status: 410, headers: TEXT_HEADERS });
}

/** Whether an If-None-Match header names the entity tag. */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === etag || t === "*");
}
