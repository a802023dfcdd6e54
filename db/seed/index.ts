import { eq, inArray, sql } from "drizzle-orm";
import { hashPassword, verifyPassword } from "../../lib/password-hash";
import type { Db } from "../client";
import { appMeta, units, users } from "../schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";
import { DEMO_UNITS } from "./units";

export const DEMO_META_KEY = "demo_data";

export function isDatabaseEmpty(db: Db): boolean {
  const n = db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
  return n === 0;
}

/** Seeds the fictional county, its units and the demo accounts. Call only on an empty database. */
export async function seedDemoData(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  db.transaction((tx) => {
    const idByShortName = new Map<string, number>();
    for (const unit of DEMO_UNITS) {
      const parentId = unit.parent ? idByShortName.get(unit.parent) : undefined;
      if (unit.parent && parentId === undefined) throw new Error(`parent ${unit.parent} must come first`);
      const { id } = tx
        .insert(units)
        .values({ name: unit.name, shortName: unit.shortName, kind: unit.kind, orgCode: unit.orgCode, parentId })
        .returning({ id: units.id })
        .get();
      idByShortName.set(unit.shortName, id);
    }
    for (const account of DEMO_ACCOUNTS) {
      const unitId = idByShortName.get(account.unit);
      if (unitId === undefined) throw new Error(`unknown demo unit ${account.unit}`);
      tx.insert(users)
        .values({ ...account, unitId, passwordHash, mustChangePassword: false })
        .run();
    }
    tx.insert(appMeta).values({ key: DEMO_META_KEY, value: new Date().toISOString() }).run();
  });
}

export function isDemoDataPresent(db: Db): boolean {
  return db.select().from(appMeta).where(eq(appMeta.key, DEMO_META_KEY)).get() !== undefined;
}

/** Usernames of accounts that still accept the public demo password. */
export async function accountsWithDemoPassword(db: Db): Promise<string[]> {
  const candidates = db
    .select({ username: users.username, passwordHash: users.passwordHash })
    .from(users)
    .where(inArray(users.username, DEMO_ACCOUNTS.map((a) => a.username)))
    .all();
  const found: string[] = [];
  for (const c of candidates) if (await verifyPassword(c.passwordHash, DEMO_PASSWORD)) found.push(c.username);
  return found;
}
