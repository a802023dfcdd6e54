/**
 * The unit hierarchy's levels (省级、市级、县级、乡镇级): what level a unit works at, which units
 * may sit above which, and who makes 规章. Pure: the callers pass the units they loaded.
 */
import { UNIT_LEVELS, type UnitKind, type UnitLevel } from "./vocabulary";

/** The level each kind works at; a department's is its parent's (null here). */
const KIND_LEVEL: Readonly<Record<UnitKind, UnitLevel | null>> = {
  province: "province",
  city: "city",
  county: "county",
  development_zone: "county",
  township: "township",
  subdistrict: "township",
  department: null,
};

/**
 * A department with no government above it on record: before the hierarchy reached above the
 * county, every department in this CMS was a county government's, so that is what it is taken for.
 */
const LEVEL_OF_UNATTACHED_DEPARTMENT: UnitLevel = "county";

export interface UnitTreeFacts {
  id: number;
  kind: UnitKind;
  parentId: number | null;
}

/** Lower rank = higher level (province 0 … township 3). */
export const levelRank = (level: UnitLevel): number => UNIT_LEVELS.indexOf(level);

/** Whether `a` is a strictly higher level than `b` (a city is above a county). */
export const isAbove = (a: UnitLevel, b: UnitLevel): boolean => levelRank(a) < levelRank(b);

/** A unit's level from its kind, given its parent's level (only a department needs it). */
export function levelOfKind(kind: UnitKind, parentLevel: UnitLevel | null): UnitLevel {
  return KIND_LEVEL[kind] ?? parentLevel ?? LEVEL_OF_UNATTACHED_DEPARTMENT;
}

/**
 * A unit's level, walking up its parent chain through departments until a government unit.
 * `lookup` finds units by id; a missing parent or a cycle ends the walk as if there were no parent.
 */
export function unitLevel(unit: UnitTreeFacts, lookup: (id: number) => UnitTreeFacts | undefined): UnitLevel {
  const seen = new Set<number>();
  let cursor: UnitTreeFacts | undefined = unit;
  while (cursor) {
    const own = KIND_LEVEL[cursor.kind];
    if (own) return own;
    seen.add(cursor.id);
    const parentId: number | null = cursor.parentId;
    cursor = parentId === null || seen.has(parentId) ? undefined : lookup(parentId);
  }
  return LEVEL_OF_UNATTACHED_DEPARTMENT;
}

/** Levels of every unit in a list (the parent chains are looked up within it). */
export function unitLevels(all: readonly UnitTreeFacts[]): Map<number, UnitLevel> {
  const byId = new Map(all.map((u) => [u.id, u]));
  return new Map(all.map((u) => [u.id, unitLevel(u, (id) => byId.get(id))]));
}

/** Kinds that must sit under another unit (they cannot head a tree). */
const KINDS_NEEDING_PARENT: readonly UnitKind[] = ["township", "subdistrict", "department"];

export interface ParentFacts {
  kind: UnitKind;
  level: UnitLevel;
}

/**
 * Why `parent` cannot be the parent of a unit of `kind` (a Chinese sentence for the 上级单位 field),
 * or null when it can. A unit's parent is a government (not a department) of a strictly higher
 * level; a department sits under a government of any level (its level becomes that government's).
 */
export function parentProblem(kind: UnitKind, parent: ParentFacts | null): string | null {
  if (!parent) return KINDS_NEEDING_PARENT.includes(kind) ? "乡镇、街道和政府部门须选择上级单位。" : null;
  if (parent.kind === "department") return "政府部门不能作为其他单位的上级单位，请选择一级人民政府。";
  if (kind === "department") return null;
  const own = levelOfKind(kind, null);
  if (own === "province") return "省级人民政府不设上级单位，请将上级单位留空。";
  if (!isAbove(parent.level, own)) return `上级单位的层级须高于本单位：${LEVEL_WORDS[own]}的上级应是${ABOVE_WORDS[own]}。`;
  return null;
}

const LEVEL_WORDS: Readonly<Record<Exclude<UnitLevel, "province">, string>> = {
  city: "市级单位",
  county: "县级单位",
  township: "乡镇、街道",
};

const ABOVE_WORDS: Readonly<Record<Exclude<UnitLevel, "province">, string>> = {
  city: "省级人民政府",
  county: "市或省级人民政府",
  township: "县级及以上人民政府",
};

/**
 * Whether units of this level may make 规章 (《中华人民共和国立法法》: 国务院部门 and the
 * governments of provinces and 设区的市 may; this covers their departments, which draft them).
 * County level and below may not.
 */
export const mayMakeRules = (level: UnitLevel): boolean => level === "province" || level === "city";

/** Kinds whose clerks and leaders supervise every unit below them (the overview and 年报体检). */
export const SUPERVISING_KINDS: readonly UnitKind[] = ["province", "city", "county", "development_zone"];
