import "server-only";
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
import { unitTree, type UnitTree } from "../unit-tree";
import { listPublicUnits, publicUnitIds } from "./catalog";

/*
 * The 发布机构 filter of the public list and search (issue 17): which choices the form offers and
 * which units a choice covers. The unit tree is read once and kept until a unit is added or
 * changed (../unit-tree.ts); the region index is rebuilt when the tree or the set of publishing
 * units changes — a request itself does work proportional to the region it shows, not to the
 * province.
 */

/** What the list or search is narrowed to. */
export interface UnitScope {
  readonly unitId: number | null;
  /** A region's publishing units (null: no region filter). */
  readonly unitIds: readonly number[] | null;
  /** How the scope is named on the page (the unit's full name or the region's), or null. */
  readonly label: string | null;
}

let regions: { tree: UnitTree; publishing: ReadonlySet<number>; index: RegionIndex } | null = null;

async function regionIndex(current: UnitTree): Promise<RegionIndex> {
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
