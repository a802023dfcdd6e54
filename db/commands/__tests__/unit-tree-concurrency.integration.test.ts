/**
 * Changes to the unit tree made at the same moment (two admins, or an admin and the set-up
 * script) leave the tree as one of them alone would have: on SQLite write transactions are
 * serial; on PostgreSQL (READ COMMITTED) the unit commands take one lock for the tree, without
 * which a unit could be deactivated while a unit was being created under it, each transaction
 * having checked the other's "before".
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/db/actor";
import { createUnit, setUnitActive } from "@/db/commands/units";
import { units } from "@/db/schema";
import { addUnit, database } from "@/lib/testing/integration-db";
import { orgCodeCheckChar } from "@/lib/validations/org-code";

const actor = systemActor("cli");
let serial = 0;
const orgCode = () => {
  const body = `CC${String(++serial).padStart(6, "0")}`;
  return body + orgCodeCheckChar(body);
};

describe("the unit tree under concurrent changes", () => {
  it("never ends with an active unit under a deactivated one, however a deactivation and a creation below it interleave", async () => {
    const county = addUnit({ name: "并发测试县人民政府", shortName: "并发测试县", kind: "county", parentId: null });
    for (let round = 0; round < 12; round++) {
      const township = addUnit({ name: `并发测试乡${round}`, shortName: `并发乡${round}`, kind: "township", parentId: county.id });
      const outcomes = await Promise.allSettled([
        setUnitActive(database(), actor, township.id, false),
        createUnit(database(), actor, { name: `并发测试乡${round}办公室`, shortName: `并发办${round}`, kind: "department", parentId: township.id, orgCode: orgCode() }),
      ]);
      const [parent] = await database().select({ active: units.active }).from(units).where(eq(units.id, township.id));
      const activeChildren = await database()
        .select({ id: units.id })
        .from(units)
        .where(and(eq(units.parentId, township.id), eq(units.active, true)));
      // Either the deactivation came first (the creation is refused: 上级单位已停用) or the creation
      // did (the deactivation is refused: 仍有启用的下级单位) — never both.
      expect(outcomes.filter((o) => o.status === "fulfilled"), `round ${round}`).toHaveLength(1);
      expect(parent!.active || activeChildren.length === 0, `round ${round}: active unit under a deactivated one`).toBe(true);
    }
  });
});
