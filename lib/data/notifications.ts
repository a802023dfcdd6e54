import "server-only";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { notifications, reports } from "@/db/schema";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { writeAudit } from "./audit";
import { db } from "./db";
import { requireViewer, type SessionViewer } from "./session";

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

const actorOf = (v: SessionViewer) => ({ userId: v.userId, username: v.username, role: v.role });

const reportHref = (reportId: number | null) => (reportId === null ? null : `/staff/reports/${reportId}`);

function unreadCountOf(userId: number): number {
  return (
    db()
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .get()?.n ?? 0
  );
}

/** How many of the viewer's own notifications are unread (the header badge). */
export async function countUnreadNotifications(): Promise<number> {
  const viewer = await requireViewer();
  return unreadCountOf(viewer.userId);
}

/** The viewer's own notifications, newest first, one page at a time (pages start at 1). */
export async function listNotifications({ page = 1 }: { page?: number } = {}): Promise<InboxPage> {
  const viewer = await requireViewer();
  const total =
    db().select({ n: count() }).from(notifications).where(eq(notifications.userId, viewer.userId)).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const current = Number.isInteger(page) ? Math.min(Math.max(page, 1), pageCount) : 1;
  const rows = db()
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
    .offset((current - 1) * INBOX_PAGE_SIZE)
    .all();
  return {
    items: rows.map((row) => ({ ...row, href: reportHref(row.reportId) })),
    page: current,
    pageCount,
    total,
    unread: unreadCountOf(viewer.userId),
  };
}

/**
 * Marks one of the viewer's own notifications as read (again: no change) and returns where it
 * leads. Someone else's notification is "not found", like a missing one, and nothing changes.
 */
export async function markNotificationRead(id: number): Promise<{ href: string | null }> {
  const viewer = await requireViewer();
  const row = Number.isInteger(id) && id > 0 ? db().select().from(notifications).where(eq(notifications.id, id)).get() : undefined;
  if (!row || row.userId !== viewer.userId) {
    if (row) {
      await writeAudit({ actor: actorOf(viewer), action: "notification.read", target: { type: "notification", id: row.id }, result: "denied" });
    }
    throw new AppError("not_found");
  }
  db()
    .update(notifications)
    .set({ readAt: now() })
    .where(and(eq(notifications.id, row.id), eq(notifications.userId, viewer.userId), isNull(notifications.readAt)))
    .run();
  return { href: reportHref(row.reportId) };
}

/** Marks every unread notification of the viewer as read; returns how many changed. */
export async function markAllNotificationsRead(): Promise<number> {
  const viewer = await requireViewer();
  const result = db()
    .update(notifications)
    .set({ readAt: now() })
    .where(and(eq(notifications.userId, viewer.userId), isNull(notifications.readAt)))
    .run();
  return result.changes;
}
