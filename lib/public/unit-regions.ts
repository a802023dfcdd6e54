/**
 * The 发布机构 filter of the public list and search (issue 17): on a county's site one <select>
 * of its units; on a province's (thousands of units) the reader first chooses 所在地区 — the
 * supervising governments, the cities and then the counties within the chosen city — and then
 * one of the few dozen units of that region. Pure functions over the unit tree; the data layer
 * (lib/data/public/regions.ts) reads and caches the tree.
 */
import type { UnitKind } from "@/lib/vocabulary";

/** Up to this many units on the site, the filter stays one <select> of every publishing unit. */
export const UNIT_SELECT_MAX = 60;

/** Governments whose area is a 所在地区 of the filter (townships belong to their county's). */
const REGION_KINDS: ReadonlySet<UnitKind> = new Set(["province", "city", "county", "development_zone"]);

export interface TreeUnit {
  readonly id: number;
  readonly name: string;
  readonly shortName: string;
  readonly kind: UnitKind;
  readonly parentId: number | null;
}

export interface RegionIndex {
  readonly units: ReadonlyMap<number, TreeUnit>;
  /** A unit's own region: the nearest region government at or above it (else the top of its chain). */
  readonly homeRegion: ReadonlyMap<number, number>;
  /** The regions directly below a region (key null: the top regions), in the order they were set up. */
  readonly childRegions: ReadonlyMap<number | null, readonly number[]>;
  /** The publishing units (with public reports) whose own region it is, the region's government first. */
  readonly members: ReadonlyMap<number, readonly number[]>;
  /** Regions with at least one publishing unit in their area, every level. */
  readonly publishing: ReadonlySet<number>;
}

/** The region index of a unit tree, keeping only what leads to units with public reports. */
export function buildRegionIndex(tree: readonly TreeUnit[], publishingUnitIds: ReadonlySet<number>): RegionIndex {
  const units = new Map(tree.map((u) => [u.id, u] as const));
  const homeRegion = new Map<number, number>();
  const visiting = new Set<number>();
  const homeOf = (id: number): number => {
    const known = homeRegion.get(id);
    if (known !== undefined) return known;
    const unit = units.get(id);
    let home = id;
    if (unit && !REGION_KINDS.has(unit.kind) && unit.parentId !== null && units.has(unit.parentId) && !visiting.has(id)) {
      visiting.add(id);
      home = homeOf(unit.parentId);
      visiting.delete(id);
    }
    homeRegion.set(id, home);
    return home;
  };
  const parentRegionOf = (region: number): number | null => {
    const parentId = units.get(region)?.parentId ?? null;
    return parentId === null || !units.has(parentId) ? null : homeOf(parentId);
  };

  const members = new Map<number, number[]>();
  const publishing = new Set<number>();
  for (const u of tree) {
    if (!publishingUnitIds.has(u.id)) continue;
    const home = homeOf(u.id);
    const list = members.get(home) ?? [];
    list.push(u.id);
    members.set(home, list);
    const seen = new Set<number>();
    for (let r: number | null = home; r !== null && !seen.has(r); r = parentRegionOf(r)) {
      seen.add(r);
      publishing.add(r);
    }
  }
  for (const [region, list] of members) list.sort((a, b) => (a === region ? -1 : b === region ? 1 : a - b));

  const childRegions = new Map<number | null, number[]>();
  for (const region of [...publishing].sort((a, b) => a - b)) {
    const parent = parentRegionOf(region);
    const key = parent !== null && parent !== region ? parent : null;
    const list = childRegions.get(key) ?? [];
    list.push(region);
    childRegions.set(key, list);
  }
  return { units, homeRegion, childRegions, members, publishing };
}

/** The region itself and the regions above it, top first. */
export function regionPath(index: RegionIndex, region: number): number[] {
  const path: number[] = [];
  const seen = new Set<number>();
  for (let r: number | null = region; r !== null && index.publishing.has(r) && !seen.has(r); ) {
    seen.add(r);
    path.unshift(r);
    const parentId: number | null = index.units.get(r)?.parentId ?? null;
    r = parentId === null ? null : (index.homeRegion.get(parentId) ?? null);
  }
  return path;
}

export interface RegionOption {
  readonly id: number;
  readonly label: string;
  /** 0 for a top region, 1 for a region directly below it, … */
  readonly depth: number;
}

/**
 * The 所在地区 choices: the top regions and the regions directly below them (a province and its
 * cities), and below each region on the way to the chosen one, its own regions (the counties of
 * the chosen city) — a few dozen options however large the province.
 */
export function regionOptions(index: RegionIndex, chosen: number | null): RegionOption[] {
  const open = new Set(chosen === null ? [] : regionPath(index, chosen));
  const out: RegionOption[] = [];
  const visit = (parent: number | null, depth: number) => {
    for (const region of index.childRegions.get(parent) ?? []) {
      out.push({ id: region, label: index.units.get(region)?.shortName ?? String(region), depth });
      if (depth === 0 || open.has(region)) visit(region, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** Every publishing unit in the region's area: its own units and those of the regions below it. */
export function unitsInRegion(index: RegionIndex, region: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  const visit = (r: number) => {
    if (seen.has(r)) return;
    seen.add(r);
    out.push(...(index.members.get(r) ?? []));
    for (const child of index.childRegions.get(r) ?? []) visit(child);
  };
  visit(region);
  return out;
}

export interface RegionChoice {
  /** The region shown as chosen, or null. */
  readonly region: number | null;
  /** The unit shown as chosen (one of the region's own units), or null. */
  readonly unit: number | null;
}

/**
 * What the query string chooses. A unit keeps its own region chosen; when the reader picked a
 * different region (the form still carried the earlier unit), the region wins and the unit is
 * dropped. Unknown or empty ids are ignored.
 */
export function resolveRegionChoice(index: RegionIndex, regionParam: number | null, unitParam: number | null): RegionChoice {
  const region = regionParam !== null && index.publishing.has(regionParam) ? regionParam : null;
  const unitHome = unitParam === null ? undefined : index.homeRegion.get(unitParam);
  const unitOk = unitParam !== null && unitHome !== undefined && (index.members.get(unitHome) ?? []).includes(unitParam);
  if (unitOk && (region === null || region === unitHome)) return { region: unitHome, unit: unitParam };
  return { region, unit: null };
}

export interface UnitChoice {
  readonly id: number;
  readonly name: string;
}

/** What the filter form shows: one list of units (a county's site), or 所在地区 first (a province's). */
export type UnitFilterForm =
  | { readonly kind: "units"; readonly units: readonly UnitChoice[]; readonly unit: UnitChoice | null }
  | {
      readonly kind: "regions";
      readonly regions: readonly RegionOption[];
      readonly region: UnitChoice | null;
      /** Whether the chosen region has regions below it (whose units are reached by choosing them). */
      readonly hasSubRegions: boolean;
      /** The chosen region's own units (empty until a region is chosen). */
      readonly units: readonly UnitChoice[];
      readonly unit: UnitChoice | null;
    };

/** The `region` query parameter that keeps the form's chosen region (links of other pages of the list). */
export function regionParamOf(form: UnitFilterForm): number | undefined {
  return form.kind === "regions" && form.region ? form.region.id : undefined;
}
