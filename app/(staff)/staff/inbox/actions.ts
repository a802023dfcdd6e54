"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/data/notifications";

/** The unread badge sits in the staff layout, so every staff page is refreshed. */
const refresh = () => revalidatePath("/staff", "layout");

/** Marks one of the caller's own notifications read; returns where it leads. */
export async function markNotificationReadAction(id: number): Promise<ActionResult<{ href: string | null }>> {
  return runAction(async () => {
    const result = await markNotificationRead(Number(id));
    refresh();
    return result;
  });
}

export async function markAllNotificationsReadAction(): Promise<ActionResult<{ changed: number }>> {
  return runAction(async () => {
    const changed = await markAllNotificationsRead();
    refresh();
    return { changed };
  });
}
