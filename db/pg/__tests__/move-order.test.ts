import { getTableName, is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { formatChecks, tablesInDependencyOrder } from "../move-from-sqlite";
import * as pgSchema from "../schema";

describe("the order in which migrate-to-postgres copies tables", () => {
  const order = tablesInDependencyOrder().map((plan) => plan.name);

  it("names every table once", () => {
    const tables = Object.values(pgSchema as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable));
    expect([...order].sort()).toEqual(tables.map((t) => getTableName(t)).sort());
  });

  it("puts every referenced table before the tables referencing it", () => {
    for (const table of Object.values(pgSchema as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable))) {
      const name = getTableName(table);
      for (const fk of getTableConfig(table).foreignKeys) {
        const target = getTableName(fk.reference().foreignTable);
        if (target !== name) expect(order.indexOf(target), `${target} before ${name}`).toBeLessThan(order.indexOf(name));
      }
    }
  });

  it("knows units refer to their own parent, so a parent row is copied before its children", () => {
    expect(tablesInDependencyOrder().find((plan) => plan.name === "units")?.selfReference).toEqual({ column: "parent_id", target: "id" });
  });
});

describe("the printed check", () => {
  it("aligns Chinese headers and marks a differing table", () => {
    const text = formatChecks([
      { table: "units", sqliteRows: 3, postgresRows: 3, sqliteChecksum: "aa", postgresChecksum: "aa" },
      { table: "reports", sqliteRows: 2, postgresRows: 2, sqliteChecksum: "bb", postgresChecksum: "cc" },
    ]);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^表\s+SQLite 行数\s+PostgreSQL 行数/);
    expect(lines[2]).toMatch(/^units\s+3\s+3\s+aa\s+aa\s+一致$/);
    expect(lines[3]).toMatch(/^reports\s+2\s+2\s+bb\s+cc\s+不一致$/);
  });
});
