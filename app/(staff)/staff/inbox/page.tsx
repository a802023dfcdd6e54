import type { Metadata } from "next";
import Link from "next/link";
import { listNotifications } from "@/lib/data/notifications";
import { loadOrNotFound } from "@/lib/load";
import { MarkAllReadButton, MarkReadButton, NotificationLink } from "./inbox-controls";
import { chinaDateTime } from "@/lib/time";

export const metadata: Metadata = { title: "通知" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** What a notification is about, as written by the workflow (db/commands/report-workflow.ts, db/commands/publication.ts). */
const KIND_LABELS: Record<string, string> = {
  submitted: "待审核",
  returned: "退回修改",
  approved: "已批准",
  published: "已发布",
  comment: "审核意见",
  correction: "开始修订",
  filing_received: "待备案",
  filing_accepted: "备案通过",
  filing_returned: "备案退回",
};

export default async function InboxPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const raw = Array.isArray(params.page) ? params.page[0] : params.page;
  const inbox = await loadOrNotFound(listNotifications({ page: raw && /^\d+$/.test(raw) ? Number(raw) : 1 }));
  return (
    <>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">通知</h1>
          <p className="mt-1 text-sm text-muted">
            共 {inbox.total} 条，{inbox.unread} 条未读。
          </p>
        </div>
        <MarkAllReadButton disabled={inbox.unread === 0} />
      </div>
      {inbox.items.length === 0 ? (
        <p className="rounded border border-line bg-white p-6 text-muted">暂无通知。</p>
      ) : (
        <ul aria-label="通知列表" className="divide-y divide-line rounded border border-line bg-white">
          {inbox.items.map((item) => {
            const unread = item.readAt === null;
            return (
              <li
                key={item.id}
                data-unread={unread ? "true" : "false"}
                className={`flex flex-wrap items-start justify-between gap-3 px-4 py-3 ${unread ? "border-l-4 border-l-gov-red bg-amber-50" : "border-l-4 border-l-transparent"}`}
              >
                <div className="min-w-0 flex-1">
                  <p className="mb-1 flex flex-wrap items-center gap-2 text-xs text-muted">
                    {unread && <span className="rounded bg-gov-red px-1.5 py-0.5 font-semibold text-white">未读</span>}
                    {KIND_LABELS[item.kind] && <span className="rounded border border-line px-1.5 py-0.5">{KIND_LABELS[item.kind]}</span>}
                    <time dateTime={item.createdAt.toISOString()}>{chinaDateTime(item.createdAt)}</time>
                  </p>
                  <p className={unread ? "font-semibold" : ""}>
                    {item.href ? (
                      <NotificationLink id={item.id} href={item.href} unread={unread}>
                        {item.message}
                      </NotificationLink>
                    ) : (
                      item.message
                    )}
                  </p>
                  {item.reportTitle && <p className="mt-1 text-xs text-muted">报告：{item.reportTitle}</p>}
                </div>
                {unread && <MarkReadButton id={item.id} label={`标为已读：${item.message}`} />}
              </li>
            );
          })}
        </ul>
      )}
      {inbox.pageCount > 1 && (
        <nav aria-label="通知分页" className="mt-4 flex items-center gap-4 text-sm">
          {inbox.page > 1 ? <Link href={`/staff/inbox?page=${inbox.page - 1}`}>上一页</Link> : <span className="text-muted">上一页</span>}
          <span>
            第 {inbox.page} / {inbox.pageCount} 页
          </span>
          {inbox.page < inbox.pageCount ? (
            <Link href={`/staff/inbox?page=${inbox.page + 1}`}>下一页</Link>
          ) : (
            <span className="text-muted">下一页</span>
          )}
        </nav>
      )}
    </>
  );
}
