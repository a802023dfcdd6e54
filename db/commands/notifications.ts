/** A person's own inbox: marking notifications as read (not audited: it changes nothing anyone else sees). */
import { and, eq, isNull } from "drizzle-orm";
import { now } from "@/lib/clock";
import type { Db } from "../client";
import { notifications } from "../schema";
import { transaction } from "../transaction";

/** Marks one notification of the user as read (again: no change). */
export async function markNotificationRead(db: Db, userId: number, id: number): Promise<void> {
  await transaction(db, async (tx) => {
    await tx
      .update(notifications)
      .set({ readAt: now() })
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)));
  });
}

/** Marks every unread notification of the user as read; returns how many changed. */
export async function markAllNotificationsRead(db: Db, userId: number): Promise<number> {
  return transaction(db, async (tx) => {
    const changed = await tx
      .update(notifications)
      .set({ readAt: now() })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return changed.length;
  });
}
