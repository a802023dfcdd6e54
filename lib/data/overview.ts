import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { inIds } from "@/db/dialect";
import { reportingListEntries, reports, REPORT_STATUSES, type ReportStatus, type UnitKind } from "@/db/schema";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { canSuperviseUnits, overviewTitle } from "@/lib/permissions-overview";
import { clampPage, pageCountOf } from "@/lib/public/paging";
import { placementOf } from "@/lib/reporting-list";
import { unitLevel } from "@/lib/unit-levels";
import { db } from "./db";
import { unitTree, unitsBelow, type TreeUnitRow, type UnitTree } from "./unit-tree";
import { getViewer, requireViewer } from "./session";
import type { FilingStatus } from "@/lib/vocabulary";
import { chinaDayNumber, chinaYear, dayNumber, dueReportYear, reportDeadline } from "@/lib/time";

/** A subordinate unit's report state for the year; "not_started" when it has no report yet. */
export type OverviewStatus = "not_started" | ReportStatus;

/** In the order the overview counts and sorts them (the workflow's order). */
export const OVERVIEW_STATUSES: readonly OverviewStatus[] = ["not_started", ...REPORT_STATUSES];

/**
 * overdue: past the deadline and nothing public now (not started, not yet published, or withdrawn).
 * published_late: public now (or once), but first published after the deadline.
 */
export type Lateness = "overdue" | "published_late";

/** What the units table can be narrowed to: a status, or a lateness (the summary's items). */
export type OverviewShow = OverviewStatus | Lateness;
const OVERVIEW_SHOWS: readonly string[] = [...OVERVIEW_STATUSES, "overdue", "published_late"];

export const OVERVIEW_SORTS = ["unit", "status", "publishedAt"] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];
export type SortOrder = "asc" | "desc";

export interface OverviewRow {
  unitId: number;
  unitName: string;
  unitKind: UnitKind;
  /** The unit directly above (a township's county), for supervisors more than one level up. */
  parentName: string | null;
  unitActive: boolean;
  reportId: number | null;
  status: OverviewStatus;
  /** First publication (kept through corrections and withdrawal). */
  publishedAt: Date | null;
  /** Whether citizens can read an edition now (published, or a correction in progress). */
  isPublic: boolean;
  /** A published report being corrected: the working copy is back in the workflow. */
  inCorrection: boolean;
  scheduledAt: Date | null;
  withdrawnAt: Date | null;
  /** Its latest 备案 with the unit above (before or after publication), or null when never filed. */
  filing: FilingStatus | null;
  deadline: string;
  late: Lateness | null;
  /** Days past the deadline: until today when overdue, until publication when published late. */
  daysLate: number;
  /**
   * Why the unit is not on its supervisor's 报送单位名单 for the year (垂直管理 …); null when it is.
   * A unit left out is never counted as overdue.
   */
  offListReason: string | null;
}

/** A unit with units below it (a county, a city), rolled up: its subtree's units on the lists. */
export interface OverviewRegion {
  unitId: number;
  unitName: string;
  /** Its units on their supervisors' 报送单位名单: the region's own government and every unit below it. */
  units: number;
  /** Of those, units whose report citizens can read now. */
  public: number;
  overdue: number;
  publishedLate: number;
}

/** One step of the way from the viewer's unit down to the unit whose subordinates are listed. */
export interface OverviewScopeStep {
  unitId: number;
  unitName: string;
}

/** Rows of the units table per page: a city lists several hundred units, a province thousands. */
export const OVERVIEW_PAGE_SIZE = 100;

export interface SupervisionOverview {
  /** The unit whose subordinates are listed: the viewer's, or a region below it (`under`), which is then listed too. */
  unitName: string;
  /** 「县级总览」, 「市级总览」…: by the supervising unit's level. */
  title: string;
  year: number;
  /** Years the year select offers, newest first. */
  years: number[];
  sort: OverviewSort;
  order: SortOrder;
  /**
   * From the viewer's unit down to the listed unit: one step when the viewer's own subordinates
   * are listed, more after choosing a region (`under`).
   */
  scope: OverviewScopeStep[];
  /** The region listed (`under`), or null when the viewer's own subordinates are. */
  under: number | null;
  /** The regions directly below the listed unit (units with units below them), rolled up; empty for a county. */
  regions: OverviewRegion[];
  /**
   * Units below the listed unit that are no region themselves (a city's own departments), and the
   * listed unit itself when it is a row (a region clicked), rolled up; null when there are no regions.
   */
  directUnits: OverviewRegion | null;
  /** The summary item the units table is narrowed to, or null for every unit. */
  show: OverviewShow | null;
  /** This page of the units on their supervisor's 报送单位名单, narrowed by `show` (the counts are of all of them). */
  rows: OverviewRow[];
  /** All units on the lists (every page, whatever `show`). */
  total: number;
  /** The units `show` leaves in the table (every page). */
  shownCount: number;
  page: number;
  pageCount: number;
  /** Whether the units are under more than one unit, so each row says which (the 上级 column). */
  showParents: boolean;
  /** Units left out of the list, shown apart with the reason; not counted. */
  offList: OverviewRow[];
  counts: Record<OverviewStatus, number>;
  lateCounts: Record<Lateness, number>;
}

/** The year whose reports are due now: last calendar year (China time). */
export function defaultOverviewYear(): number {
  return dueReportYear(now());
}

/** The viewer's unit if they supervise the units below it (the overview and 体检); otherwise "not found". */
export async function requireSupervisor() {
  const viewer = await requireViewer();
  const tree = await unitTree();
  const unit = tree.byId.get(viewer.unitId);
  if (!unit || !canSuperviseUnits(viewer, unit)) throw new AppError("not_found");
  return { viewer, unit, tree };
}

/** What the unit's overview is called (「县级总览」, 「市级总览」…), by its level in the tree. */
function overviewTitleIn(tree: UnitTree, unit: TreeUnitRow): string {
  return overviewTitle(unitLevel(unit, (id) => tree.byId.get(id)));
}

/**
 * For the navigation: what the signed-in viewer's overview is called (「县级总览」, 「市级总览」…),
 * or null when they supervise no units. Never throws.
 */
export async function viewerOverviewTitle(): Promise<string | null> {
  const viewer = await getViewer();
  if (!viewer) return null;
  const tree = await unitTree();
  const unit = tree.byId.get(viewer.unitId);
  if (!unit || !canSuperviseUnits(viewer, unit)) return null;
  return overviewTitleIn(tree, unit);
}

export type UnitRow = { id: number; name: string; kind: UnitKind; parentId: number | null; active: boolean; reportDeadline: string };

/** Every unit below the given one, at any depth (the whole parentId tree, cycles ignored). */
export function descendantsOf(rootId: number, all: UnitRow[]): UnitRow[] {
  const children = new Map<number, UnitRow[]>();
  for (const unit of all) {
    if (unit.parentId === null) continue;
    const list = children.get(unit.parentId) ?? [];
    list.push(unit);
    children.set(unit.parentId, list);
  }
  const found: UnitRow[] = [];
  const seen = new Set<number>([rootId]);
  const queue = [rootId];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const child of children.get(id) ?? []) {
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      found.push(child);
      queue.push(child.id);
    }
  }
  return found;
}

/** A year from the query string, or the fallback when it is not a report year that has begun. */
export function parseOverviewYear(raw: string | undefined, fallback: number): number {
  if (!raw || !/^\d{4}$/.test(raw)) return fallback;
  const year = Number(raw);
  // 政府信息公开条例 took effect in 2008; a report for a year that has not begun makes no sense.
  return year >= 2008 && year <= chinaYear(now()) ? year : fallback;
}

export function latenessOf(
  deadline: string,
  report: { publishedAt: Date | null; isPublic: boolean } | null,
  /** Today's China day number (chinaDayNumber), given once by callers that check many units. */
  today = chinaDayNumber(now()),
): { late: Lateness | null; daysLate: number } {
  // Day numbers, not formatted dates: a province's overview checks about 5,000 units per request.
  const deadlineDay = dayNumber(deadline);
  if (!report?.isPublic) {
    return today > deadlineDay ? { late: "overdue", daysLate: today - deadlineDay } : { late: null, daysLate: 0 };
  }
  if (report.publishedAt) {
    const daysAfter = chinaDayNumber(report.publishedAt) - deadlineDay;
    if (daysAfter > 0) return { late: "published_late", daysLate: daysAfter };
  }
  return { late: null, daysLate: 0 };
}

function compareRows(tree: UnitTree, sort: OverviewSort, order: SortOrder): (a: OverviewRow, b: OverviewRow) => number {
  const direction = order === "asc" ? 1 : -1;
  // The tree's name order, not the collator: a province's 5,000 rows are sorted on every request.
  const byUnit = (a: OverviewRow, b: OverviewRow) => (tree.nameOrder.get(a.unitId) ?? 0) - (tree.nameOrder.get(b.unitId) ?? 0);
  return (a, b) => {
    let primary = 0;
    if (sort === "unit") return direction * byUnit(a, b);
    if (sort === "status") {
      primary = direction * (OVERVIEW_STATUSES.indexOf(a.status) - OVERVIEW_STATUSES.indexOf(b.status));
    } else {
      // Never-published units go last in either direction.
      if (a.publishedAt === null || b.publishedAt === null) {
        primary = a.publishedAt === b.publishedAt ? 0 : a.publishedAt === null ? 1 : -1;
      } else {
        primary = direction * (a.publishedAt.getTime() - b.publishedAt.getTime());
      }
    }
    return primary || byUnit(a, b);
  };
}

/**
 * For clerks and leaders of a supervising unit (province, city, county): every unit below it (any
 * depth) with its report for the year, read-only. Inactive units are listed only when they have a
 * report for that year. Units left out of their supervisor's 报送单位名单 for the year come apart
 * (`offList`), with the reason, and are not counted. Anyone else gets "not found".
 */
export async function getSupervisionOverview(
  params: { year?: string; sort?: string; order?: string; under?: string; page?: string; show?: string } = {},
): Promise<SupervisionOverview> {
  const { unit: viewerUnit, tree } = await requireSupervisor();
  const year = parseOverviewYear(params.year, defaultOverviewYear());
  const sort: OverviewSort = (OVERVIEW_SORTS as readonly string[]).includes(params.sort ?? "") ? (params.sort as OverviewSort) : "unit";
  const order: SortOrder = params.order === "desc" ? "desc" : "asc";
  const show = OVERVIEW_SHOWS.includes(params.show ?? "") ? (params.show as OverviewShow) : null;
  const scope = scopeOf(tree, viewerUnit, params.under);
  const unit = tree.byId.get(scope[scope.length - 1]!.unitId)!;

  // A region is listed with its own government, as 各地区情况 counts it.
  const subordinates = scope.length > 1 ? [unit, ...unitsBelow(tree, unit.id)] : unitsBelow(tree, unit.id);
  const ids = subordinates.map((u) => u.id);

  // Three independent reads (on PostgreSQL they go out together).
  const [yearReports, savedList, reportYears] = ids.length
    ? await Promise.all([
        db()
          .select({
            id: reports.id,
            unitId: reports.unitId,
            status: reports.status,
            publishedAt: reports.publishedAt,
            liveEditionId: reports.liveEditionId,
            scheduledAt: reports.scheduledAt,
            withdrawnAt: reports.withdrawnAt,
            // The report's latest filing (report_filings_report_idx: one index entry per report).
            // Spelled out: drizzle writes the outer column unqualified here, which would name f.id.
            filing: sql<FilingStatus | null>`(select f.status from report_filings f where f.report_id = reports.id order by f.id desc limit 1)`,
          })
          .from(reports)
          .where(and(eq(reports.year, year), inIds(reports.unitId, ids))),
        // Each unit is placed by the list of the unit directly above it (a city's own list names
        // its counties; each county's names its townships).
        db()
          .select({ supervisorId: reportingListEntries.supervisorId, unitId: reportingListEntries.unitId, included: reportingListEntries.included, reason: reportingListEntries.reason })
          .from(reportingListEntries)
          .where(and(eq(reportingListEntries.year, year), inIds(reportingListEntries.unitId, ids))),
        db().selectDistinct({ year: reports.year }).from(reports).where(inIds(reports.unitId, ids)),
      ])
    : [[], [], []];
  const reportByUnit = new Map(yearReports.map((r) => [r.unitId, r]));
  const years = [...new Set([...reportYears.map((r) => r.year), defaultOverviewYear(), year])].sort((a, b) => b - a);

  // Each unit's saved entries, so that placing 5,000 units does not search every entry for each.
  const savedByUnit = new Map<number, (typeof savedList)[number][]>();
  for (const entry of savedList) savedByUnit.set(entry.unitId, [...(savedByUnit.get(entry.unitId) ?? []), entry]);
  const today = chinaDayNumber(now());

  const rows: OverviewRow[] = [];
  const offList: OverviewRow[] = [];
  for (const sub of subordinates) {
    const report = reportByUnit.get(sub.id);
    if (!report && !sub.active) continue;
    const deadline = reportDeadline(year, sub.reportDeadline);
    const isPublic = !!report && (report.status === "published" || (report.liveEditionId !== null && report.status !== "withdrawn"));
    const placement = placementOf(sub, savedByUnit.get(sub.id) ?? []);
    const lateness = latenessOf(deadline, report ? { publishedAt: report.publishedAt, isPublic } : null, today);
    (placement.included ? rows : offList).push({
      unitId: sub.id,
      unitName: sub.name,
      unitKind: sub.kind,
      // A subordinate's parent is the viewer's unit or another subordinate.
      parentName: sub.parentId === null ? null : (tree.byId.get(sub.parentId)?.name ?? null),
      unitActive: sub.active,
      reportId: report?.id ?? null,
      status: report?.status ?? "not_started",
      publishedAt: report?.publishedAt ?? null,
      isPublic,
      inCorrection: isPublic && report!.status !== "published",
      scheduledAt: report?.status === "scheduled" ? report.scheduledAt : null,
      withdrawnAt: report?.status === "withdrawn" ? report.withdrawnAt : null,
      filing: report?.filing ?? null,
      deadline,
      ...(placement.included ? lateness : { late: null, daysLate: 0 }),
      offListReason: placement.included ? null : (placement.reason ?? ""),
    });
  }
  rows.sort(compareRows(tree, sort, order));
  offList.sort(compareRows(tree, "unit", "asc"));

  const counts = Object.fromEntries(OVERVIEW_STATUSES.map((s) => [s, 0])) as Record<OverviewStatus, number>;
  const lateCounts: Record<Lateness, number> = { overdue: 0, published_late: 0 };
  for (const row of rows) {
    counts[row.status] += 1;
    if (row.late) lateCounts[row.late] += 1;
  }

  const { regions, directUnits } = rollUp(tree, unit.id, rows);
  const shown = show === null ? rows : rows.filter((row) => row.status === show || row.late === show);
  const pageCount = pageCountOf(shown.length, OVERVIEW_PAGE_SIZE);
  const page = clampPage(Number(params.page ?? 1), pageCount);
  return {
    unitName: unit.name,
    title: overviewTitleIn(tree, viewerUnit),
    year,
    years,
    sort,
    order,
    scope,
    under: scope.length > 1 ? unit.id : null,
    regions,
    directUnits,
    show,
    rows: shown.slice((page - 1) * OVERVIEW_PAGE_SIZE, page * OVERVIEW_PAGE_SIZE),
    total: rows.length,
    shownCount: shown.length,
    page,
    pageCount,
    showParents: rows.some((row) => row.unitId !== unit.id && row.parentName !== unit.name),
    offList,
    counts,
    lateCounts,
  };
}

/**
 * The way from the viewer's unit down to the one asked for (`under`): only a unit below the
 * viewer's that has units below it; anything else (a stale link, a unit elsewhere) lists the
 * viewer's own subordinates.
 */
function scopeOf(tree: UnitTree, viewerUnit: TreeUnitRow, under: string | undefined): OverviewScopeStep[] {
  const top = [{ unitId: viewerUnit.id, unitName: viewerUnit.name }];
  const id = under && /^\d{1,9}$/.test(under) ? Number(under) : null;
  const target = id === null ? undefined : tree.byId.get(id);
  if (!target || target.id === viewerUnit.id || !tree.children.get(target.id)?.length) return top;
  const way: OverviewScopeStep[] = [];
  const seen = new Set<number>();
  for (let at: TreeUnitRow | undefined = target; at && !seen.has(at.id); at = at.parentId === null ? undefined : tree.byId.get(at.parentId)) {
    if (at.id === viewerUnit.id) return [...top, ...way.reverse()];
    seen.add(at.id);
    way.push({ unitId: at.id, unitName: at.name });
  }
  return top;
}

/**
 * The listed unit's direct subordinates that have units below them (a city's counties), each
 * with its own row and its subtree's counted, and the rest (the city's own departments) counted
 * together.
 */
function rollUp(tree: UnitTree, rootId: number, rows: readonly OverviewRow[]): { regions: OverviewRegion[]; directUnits: OverviewRegion | null } {
  const regionOf = new Map<number, OverviewRegion>();
  const regions: OverviewRegion[] = [];
  const empty = (unitId: number, unitName: string): OverviewRegion => ({ unitId, unitName, units: 0, public: 0, overdue: 0, publishedLate: 0 });
  for (const child of tree.children.get(rootId) ?? []) {
    if (!tree.children.get(child.id)?.length) continue;
    const region = empty(child.id, child.name);
    regions.push(region);
    regionOf.set(child.id, region);
    for (const below of unitsBelow(tree, child.id)) regionOf.set(below.id, region);
  }
  if (regions.length === 0) return { regions, directUnits: null };
  const root = tree.byId.get(rootId)!;
  const directUnits = empty(root.id, root.name);
  for (const row of rows) {
    const region = regionOf.get(row.unitId) ?? directUnits;
    region.units += 1;
    if (row.isPublic) region.public += 1;
    if (row.late === "overdue") region.overdue += 1;
    if (row.late === "published_late") region.publishedLate += 1;
  }
  regions.sort((a, b) => (tree.nameOrder.get(a.unitId) ?? 0) - (tree.nameOrder.get(b.unitId) ?? 0));
  return { regions, directUnits };
}
