import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The data layer is 'server-only'; outside Next that import would throw.
vi.mock("server-only", () => ({}));

type Db = import("@/db/client").Db;

/**
 * The region-first 发布机构 filter (issue 17) on the demo county: one list of units while the site
 * is a county's, 所在地区 first once it has more units than UNIT_SELECT_MAX, and a region narrows
 * the list and every kind of search to the units of its area.
 */
describe("the 发布机构 filter of a large site", () => {
  let dir: string;
  let database: Db;
  const unitIds = new Map<string, number>();
  let data: typeof import("../regions") & typeof import("../catalog") & typeof import("../search");

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-regions-"));
    process.env.DATABASE_PATH = path.join(dir, "regions.db");
    const { db } = await import("../../db");
    const { units } = await import("@/db/schema");
    const { ARCHIVE_UNITS, DEMO_UNITS } = await import("@/db/seed/units");
    const { seedDemoReports } = await import("@/db/seed");
    database = db();
    for (const unit of [...DEMO_UNITS, ...ARCHIVE_UNITS]) {
      const [row] = await database
        .insert(units)
        .values({ name: unit.name, shortName: unit.shortName, kind: unit.kind, orgCode: unit.orgCode, parentId: unit.parent ? unitIds.get(unit.parent) : undefined })
        .returning({ id: units.id });
      unitIds.set(unit.shortName, row!.id);
    }
    await seedDemoReports(database);
    data = { ...(await import("../regions")), ...(await import("../catalog")), ...(await import("../search")) };
  });

  afterAll(async () => {
    const { closeDb } = await import("@/db/client");
    await closeDb(database);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const heqiao = () => unitIds.get("河桥镇")!;
  const county = () => unitIds.get("示例县")!;

  it("is one list of units on a county's site", async () => {
    const { form } = await data.publicUnitFilter({ region: county(), unit: null });
    expect(form.kind).toBe("units");
    expect(form.units.map((u) => u.name)).toContain("示例县青石镇人民政府");
  });

  it("offers regions first, and narrows list and search to the chosen region's area", async () => {
    const { UNIT_SELECT_MAX } = await import("@/lib/public/unit-regions");
    const { orgCodeCheckChar } = await import("@/lib/validations/org-code");
    const { units } = await import("@/db/schema");
    await database.insert(units).values(
      Array.from({ length: UNIT_SELECT_MAX }, (_, i) => {
        const body = `RGN${String(i + 1).padStart(5, "0")}`;
        return { name: `示例县第${i + 1}局`, shortName: `第${i + 1}局`, kind: "department" as const, parentId: county(), orgCode: body + orgCodeCheckChar(body) };
      }),
    );

    const none = await data.publicUnitFilter({ region: null, unit: null });
    expect(none.form.kind).toBe("regions");
    if (none.form.kind !== "regions") return;
    expect(none.form.regions.map((r) => r.label)).toEqual(["示例县", "河桥镇"]);
    expect(none.form.units).toEqual([]);
    expect(none.scope).toEqual({ unitId: null, unitIds: null, label: null });

    const { form, scope } = await data.publicUnitFilter({ region: county(), unit: null });
    expect(form.kind === "regions" && form.region?.name).toBe("示例县");
    expect(scope.unitIds).not.toContain(heqiao());
    expect(scope.unitIds).toContain(unitIds.get("青石镇"));

    const all = await data.listPublishedReports({ pageSize: 100 });
    const inCounty = await data.listPublishedReports({ unitIds: scope.unitIds, pageSize: 100 });
    expect(inCounty.total).toBe(all.items.filter((r) => r.unit.id !== heqiao()).length);
    expect(inCounty.items.every((r) => r.unit.id !== heqiao())).toBe(true);

    // Each kind of search: a phrase (trigram index), two characters, letters with punctuation.
    for (const q of ["政府信息公开", "公开", "公、"]) {
      const everywhere = await data.searchPublishedReports({ q, pageSize: 50 });
      const narrowed = await data.searchPublishedReports({ q, unitIds: scope.unitIds, pageSize: 50 });
      if (q !== "公、") expect(everywhere.items.some((r) => r.unit.id === heqiao()), q).toBe(true);
      expect(narrowed.items.every((r) => r.unit.id !== heqiao()), q).toBe(true);
      expect(narrowed.total, q).toBe(everywhere.items.filter((r) => r.unit.id !== heqiao()).length);
    }
  });

  it("keeps a unit's region chosen, and drops the unit when another region is chosen", async () => {
    const qingshi = unitIds.get("青石镇")!;
    const byUnit = await data.publicUnitFilter({ region: null, unit: qingshi });
    expect(byUnit.form.kind === "regions" && byUnit.form.region?.id).toBe(county());
    expect(byUnit.scope).toEqual({ unitId: qingshi, unitIds: null, label: "示例县青石镇人民政府" });
    const moved = await data.publicUnitFilter({ region: heqiao(), unit: qingshi });
    expect(moved.scope.unitId).toBeNull();
    expect(moved.scope.label).toBe("河桥镇");
  });
});
