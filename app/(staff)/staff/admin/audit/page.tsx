import type { Metadata } from "next";
import Link from "next/link";
import { buttonLinkClass } from "@/components/ui/button";
import { listAuditLog } from "@/lib/data/audit";
import { loadOrNotFound } from "@/lib/load";
import { auditFilterSchema } from "@/lib/validations/user";
import { chinaDateTime } from "@/lib/time";
import { auditActionLabel, auditDetailSentence, auditEventLabel, auditTargetLabel, AUDIT_RESULT_LABELS, roleLabel } from "@/lib/audit-vocabulary";

export const metadata: Metadata = { title: "审计日志" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const filter = auditFilterSchema.parse({
    user: params.user || undefined,
    action: params.action || undefined,
    from: params.from || undefined,
    to: params.to || undefined,
    page: params.page ?? 1,
  });
  const log = await loadOrNotFound(listAuditLog(filter));
  const filterQuery = () => {
    const q = new URLSearchParams();
    for (const key of ["user", "action", "from", "to"] as const) if (filter[key]) q.set(key, filter[key]!);
    return q;
  };
  const pageHref = (page: number) => {
    const q = filterQuery();
    q.set("page", String(page));
    return `/staff/admin/audit?${q}`;
  };
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">审计日志</h1>
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3 rounded border border-line bg-white p-4 text-sm">
        <label>
          用户
          <select name="user" defaultValue={filter.user ?? ""} className="ml-2 rounded border border-line px-2 py-1">
            <option value="">全部</option>
            {log.usernames.map((u) => (
              <option key={u} value={u}>{u}</option>
            ))}
          </select>
        </label>
        <label>
          操作
          <select name="action" defaultValue={filter.action ?? ""} className="ml-2 rounded border border-line px-2 py-1">
            <option value="">全部</option>
            {log.actions.map((a) => (
              <option key={a} value={a}>{auditActionLabel(a)}</option>
            ))}
          </select>
        </label>
        <label>
          起始日期
          <input type="date" name="from" defaultValue={filter.from} className="ml-2 rounded border border-line px-2 py-1" />
        </label>
        <label>
          截止日期
          <input type="date" name="to" defaultValue={filter.to} className="ml-2 rounded border border-line px-2 py-1" />
        </label>
        <button type="submit" className={buttonLinkClass("secondary")}>筛选</button>
        <a href={`/staff/admin/audit/export.json?${filterQuery()}`} download className={buttonLinkClass("secondary")}>
          导出 JSON（供系统对接）
        </a>
      </form>
      <p className="mb-2 text-sm text-muted">共 {log.total} 条，按时间倒序（北京时间）。</p>
      <div className="overflow-x-auto rounded border border-line bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">审计日志</caption>
          <thead className="bg-gray-50 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">时间</th>
              <th scope="col" className="px-3 py-2">用户</th>
              <th scope="col" className="px-3 py-2">角色</th>
              <th scope="col" className="px-3 py-2">IP</th>
              <th scope="col" className="px-3 py-2">操作</th>
              <th scope="col" className="px-3 py-2">对象</th>
              <th scope="col" className="px-3 py-2">结果</th>
              <th scope="col" className="px-3 py-2">详情</th>
            </tr>
          </thead>
          <tbody>
            {log.rows.map((row) => (
              <tr key={row.id} className="border-t border-line align-top">
                <td className="whitespace-nowrap px-3 py-2">{chinaDateTime(row.at)}</td>
                <td className="px-3 py-2 font-mono">{row.actorName ?? "—"}</td>
                <td className="px-3 py-2">{roleLabel(row.actorRole)}</td>
                <td className="px-3 py-2 font-mono">{row.ip ?? "—"}</td>
                <td className="px-3 py-2">{auditEventLabel(row.action, row.result)}</td>
                <td className="px-3 py-2">{auditTargetLabel(row.targetType, row.targetId)}</td>
                <td className="px-3 py-2">{AUDIT_RESULT_LABELS[row.result]}</td>
                <td className="max-w-xs px-3 py-2">{auditDetailSentence(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="分页" className="mt-4 flex items-center gap-4 text-sm">
        {filter.page > 1 && <Link href={pageHref(filter.page - 1)}>上一页</Link>}
        <span>第 {filter.page} / {log.pageCount} 页</span>
        {filter.page < log.pageCount && <Link href={pageHref(filter.page + 1)}>下一页</Link>}
      </nav>
    </>
  );
}
