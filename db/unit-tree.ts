/** Reading the unit hierarchy: a stored unit's level (a department's is that of the government above it). */
import { eq } from "drizzle-orm";
import { unitLevel, type UnitTreeFacts } from "@/lib/unit-levels";
import type { UnitLevel } from "@/lib/vocabulary";
import type { Db } from "./client";
import { units } from "./schema";

/** The unit's level, reading up its parent chain only as far as the first government unit. */
export async function unitLevelOf(db: Db, unitId: number): Promise<UnitLevel> {
  const chain = new Map<number, UnitTreeFacts>();
  let id: number | null = unitId;
  while (id !== null && !chain.has(id)) {
    const [row]: UnitTreeFacts[] = await db.select({ id: units.id, kind: units.kind, parentId: units.parentId }).from(units).where(eq(units.id, id));
    if (!row) break;
    chain.set(row.id, row);
    if (row.kind !== "department") break;
    id = row.parentId;
  }
  const unit = chain.get(unitId);
  return unit ? unitLevel(unit, (i) => chain.get(i)) : unitLevel({ id: unitId, kind: "department", parentId: null }, () => undefined);
}
