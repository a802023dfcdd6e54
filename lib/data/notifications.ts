import "server-only";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { notifications, reports } from "@/db/schema";
import { AppError } from "@/lib/errors";
import * as inbox from "@/db/commands/notifications";
import { recordRefusal } from "./audit";
import { db } from "./db";
import { requireViewer } from "./session";

/** Notifications shown per inbox page. */
export const INBOX_PAGE_SIZE = 20;

export interface InboxItem {
  id: number;
  kind: string;
  message: string;
  createdAt: Date;
  readAt: Date | null;
  reportId: number | null;
  reportTitle: string | null;
  /** Where opening the notification leads: the report's staff page, or null without a report. */
  href: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  page: number;
  pageCount: number;
  total: number;
  unread: number;
}

/** A filing received concerns another unit's report: it leads to 年报备案, where the filed document is. */
const reportHref = (reportId: number | null, kind?: string) =>
  kind === "filing_received" ? "/staff/filings" : reportId === null ? null : `/staff/reports/${reportId}`;

async function unreadCountOf(userId: number): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** How many of the viewer's own notifications are unread (the header badge). */
export async function countUnreadNotifications(): Promise<number> {
  const viewer = await requireViewer();
  return unreadCountOf(viewer.userId);
}

/** The viewer's own notifications, newest first, one page at a time (pages start at 1). */
export async function listNotifications({ page = 1 }: { page?: number } = {}): Promise<InboxPage> {
  const viewer = await requireViewer();
  const [counted] = await db().select({ n: count() }).from(notifications).where(eq(notifications.userId, viewer.userId));
  const total = counted?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const current = Number.isInteger(page) ? Math.min(Math.max(page, 1), pageCount) : 1;
  const rows = await db()
    .select({
      id: notifications.id,
      kind: notifications.kind,
      message: notifications.message,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      reportId: notifications.reportId,
      reportTitle: reports.title,
    })
    .from(notifications)
    .leftJoin(reports, eq(reports.id, notifications.reportId))
    .where(eq(notifications.userId, viewer.userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(INBOX_PAGE_SIZE)
    .offset((current - 1) * INBOX_PAGE_SIZE);
  return {
    items: rows.map((row) => ({ ...row, href: reportHref(row.reportId, row.kind) })),
    page: current,
    pageCount,
    total,
    unread: await unreadCountOf(viewer.userId),
  };
}

/**
 * Marks one of the viewer's own notifications as read (again: no change) and returns where it
 * leads. Someone else's notification is "not found", like a missing one, and nothing changes.
 */
export async function markNotificationRead(id: number): Promise<{ href: string | null }> {
  const viewer = await requireViewer();
  const [row] = Number.isInteger(id) && id > 0 ? await db().select().from(notifications).where(eq(notifications.id, id)) : [];
  if (!row || row.userId !== viewer.userId) {
    if (row) await recordRefusal(viewer, { action: "notification.read", target: { type: "notification", id: row.id } });
    throw new AppError("not_found");
  }
  await inbox.markNotificationRead(db(), viewer.userId, row.id);
  return { href: reportHref(row.reportId, row.kind) };
}

/** Marks every unread notification of the viewer as read; returns how many changed. */
export async function markAllNotificationsRead(): Promise<number> {
  const viewer = await requireViewer();
  return inbox.markAllNotificationsRead(db(), viewer.userId);
}
