/** The in-app inbox: notifications written inside the transaction of the change they announce. */
import { and, eq, inArray } from "drizzle-orm";
import { notifications, users } from "../schema";
import type { Tx } from "../transaction";

export interface UnitNotice {
  unitId: number;
  /** Who in the unit hears of it. */
  roles: ("clerk" | "leader")[];
  reportId: number;
  kind: string;
  message: string;
  /** The person who caused it does not need telling. */
  exceptUserId?: number | null;
}

/** Tells the unit's active people with the given roles about a report. */
export async function notifyUnit(tx: Tx, notice: UnitNotice): Promise<void> {
  const recipients = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.unitId, notice.unitId), eq(users.active, true), inArray(users.role, notice.roles)));
  for (const recipient of recipients) {
    if (recipient.id === notice.exceptUserId) continue;
    await tx.insert(notifications).values({ userId: recipient.id, reportId: notice.reportId, kind: notice.kind, message: notice.message });
  }
}
