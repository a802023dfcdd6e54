import "server-only";
import { cache } from "react";
import { sql } from "drizzle-orm";
import { units } from "@/db/schema";
import { rawRow } from "@/db/dialect";
import {
  UNIT_SELECT_MAX,
  buildRegionIndex,
  regionOptions,
  resolveRegionChoice,
  unitsInRegion,
  type RegionIndex,
  type TreeUnit,
  type UnitChoice,
  type UnitFilterForm,
} from "@/lib/public/unit-regions";
import { db } from "../db";
import { listPublicUnits, publicUnitIds } from "./catalog";

/*
 * The 发布机构 filter of the public list and search (issue 17): which choices the form offers and
 * which units a choice covers. The unit tree is read once and kept until a unit is added or
 * changed; the region index is rebuilt when the tree or the set of publishing units changes —
 * a request itself does work proportional to the region it shows, not to the province.
 */

/** What the list or search is narrowed to. */
export interface UnitScope {
  readonly unitId: number | null;
  /** A region's publishing units (null: no region filter). */
  readonly unitIds: readonly number[] | null;
  /** How the scope is named on the page (the unit's full name or the region's), or null. */
  readonly label: string | null;
}

interface Tree {
  readonly stamp: string;
  readonly units: readonly TreeUnit[];
  readonly activeCount: number;
}

let tree: Tree | null = null;
let regions: { tree: Tree; publishing: ReadonlySet<number>; index: RegionIndex } | null = null;

/** The unit tree, its staleness checked once per request (React's cache: a page and its metadata both ask). */
const unitTree = cache(async (): Promise<Tree> => {
  const row = await rawRow<{ n: number; m: number | null; u: unknown }>(
    db(),
    sql`select count(*) as n, max(id) as m, max(coalesce(updated_at, created_at)) as u from units`,
  );
  const stamp = `${row?.n ?? 0}:${row?.m ?? 0}:${row?.u ?? 0}`;
  if (tree?.stamp === stamp) return tree;
  const rows = await db()
    .select({ id: units.id, name: units.name, shortName: units.shortName, kind: units.kind, parentId: units.parentId, active: units.active })
    .from(units);
  tree = { stamp, units: rows, activeCount: rows.filter((r) => r.active).length };
  return tree;
});

async function regionIndex(current: Tree): Promise<RegionIndex> {
  const publishing = await publicUnitIds();
  if (regions?.tree !== current || regions.publishing !== publishing) regions = { tree: current, publishing, index: buildRegionIndex(current.units, publishing) };
  return regions.index;
}

const choiceOf = (index: RegionIndex, id: number, label: (u: TreeUnit) => string): UnitChoice => {
  const unit = index.units.get(id);
  return { id, name: unit ? label(unit) : String(id) };
};

/**
 * The filter form and the scope it chooses, from the query's `region` and `unit`. Up to
 * UNIT_SELECT_MAX units on the site: every publishing unit in one list (`region` is ignored);
 * above: the regions, and the units of the chosen region.
 */
export async function publicUnitFilter(params: { region: number | null; unit: number | null }): Promise<{ form: UnitFilterForm; scope: UnitScope }> {
  const current = await unitTree();
  if (current.activeCount <= UNIT_SELECT_MAX) {
    const all = (await listPublicUnits()).map((u) => ({ id: u.id, name: u.name }));
    const unit = params.unit === null ? null : (all.find((u) => u.id === params.unit) ?? null);
    return { form: { kind: "units", units: all, unit }, scope: { unitId: unit?.id ?? null, unitIds: null, label: unit?.name ?? null } };
  }
  const index = await regionIndex(current);
  const choice = resolveRegionChoice(index, params.region, params.unit);
  const region = choice.region === null ? null : choiceOf(index, choice.region, (u) => u.shortName);
  const unit = choice.unit === null ? null : choiceOf(index, choice.unit, (u) => u.name);
  const own = choice.region === null ? [] : (index.members.get(choice.region) ?? []).map((id) => choiceOf(index, id, (u) => u.name));
  // A region covering every publishing unit (the province of a province's site) filters nothing.
  const area = unit === null && choice.region !== null ? unitsInRegion(index, choice.region) : null;
  const unitIds = area !== null && area.length === (await publicUnitIds()).size ? null : area;
  return {
    form: {
      kind: "regions",
      regions: regionOptions(index, choice.region),
      region,
      hasSubRegions: choice.region !== null && (index.childRegions.get(choice.region) ?? []).length > 0,
      units: own,
      unit,
    },
    scope: {
      unitId: unit?.id ?? null,
      unitIds,
      label: unit?.name ?? region?.name ?? null,
    },
  };
}
