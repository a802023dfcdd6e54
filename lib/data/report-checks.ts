import "server-only";
import { previousYearDocument, readReportDocument } from "@/db/report-store";
import { publicSnapshot, yearCorpus, yearCorpusEditions, yearCorpusStamp } from "@/db/year-corpus";
import { unitLevelOf } from "@/db/unit-tree";
import { parseReportJson, type ReportDocument, type UnitKind } from "@/lib/interchange";
import {
  checkReport,
  CopiedTextIndex,
  copiedTextFindings,
  copiedTextThresholdPercent,
  measureCopiedText,
  sideBySide,
  type CopiedTextMatch,
  type Finding,
  type SourceDoc,
} from "@/lib/rules";
import type { CopiedTextCheck } from "@/lib/report-editing";
import { copiedTextThreshold } from "@/lib/site";
import { AppError } from "@/lib/errors";
import { sanitizeReportHtml } from "@/lib/html/sanitize";
import { copiedTextQuerySchema } from "@/lib/validations/report";
import { parseOrThrow } from "@/lib/validations/parse";
import { db } from "./db";
import { requireReadableReport } from "./report-access";

/*
 * Checking a stored report as the clerk, the leader and the county see it: every rule of the
 * engine, with last year's published report (cross-year rules, X-5 section to section) and
 * every other unit's public report of the same year (X-5). Server-only: the other units' text
 * never goes to the browser beyond the passages of a public report a section shares with it;
 * the editor asks for X-5 of the section being typed through checkCopiedTextOfDraft.
 */

/**
 * One year's public reports indexed for X-5, per process. When the year's set changes (a
 * publication, correction or withdrawal changes the stamp), only the editions that changed are
 * read and re-indexed: a province's thousands of reports are not rebuilt after each publication.
 */
interface YearIndex {
  stamp: string;
  /** Live edition id of each indexed report. */
  editions: Map<number, number>;
  index: CopiedTextIndex;
}

const indexes = new Map<number, Promise<YearIndex>>();

async function refresh(year: number, stamp: string, previous: YearIndex | undefined): Promise<YearIndex> {
  // Every format shares the same prescribed wording (lib/formats/text-checks.ts), so one index serves all.
  const index = previous?.index ?? new CopiedTextIndex({ format: "gov-2021" });
  const before = previous?.editions ?? new Map<number, number>();
  const now = await yearCorpusEditions(db(), year);
  for (const reportId of before.keys()) if (!now.has(reportId)) index.remove(reportSourceId(reportId));
  const changed = [...now].filter(([reportId, editionId]) => before.get(reportId) !== editionId).map(([reportId]) => reportId);
  for (const row of await yearCorpus(db(), year, changed)) {
    const parsed = parseReportJson(row.snapshot);
    if (parsed.ok) index.add({ id: reportSourceId(row.reportId), label: `${row.unitName}${year}年度报告`, sections: parsed.document.sections });
    else index.remove(reportSourceId(row.reportId));
  }
  return { stamp, editions: now, index };
}

/** Other units' public reports of the year, indexed for X-5. */
export async function yearIndex(year: number): Promise<CopiedTextIndex> {
  const stamp = await yearCorpusStamp(db(), year);
  const cached = indexes.get(year);
  const current = cached ? await cached.catch(() => undefined) : undefined;
  if (current && current.stamp === stamp) return current.index;
  // A failed refresh drops the year (below), so the next request indexes it afresh.
  const next = refresh(year, stamp, current);
  indexes.set(year, next);
  next.catch(() => indexes.delete(year));
  return (await next).index;
}

const reportSourceId = (reportId: number): string => `report:${reportId}`;

function previousSource(previous: ReportDocument | undefined): SourceDoc | null {
  return previous ? { id: "previous", label: `本单位${previous.year}年度报告`, sections: previous.sections } : null;
}

export interface StoredReportCheck {
  findings: Finding[];
  /** Per narrative section its highest X-5 match, whatever its share (sections sharing nothing are left out). */
  copied: CopiedTextMatch[];
}

/** Every finding of a stored report (X-5 included) and its sections' highest X-5 matches. */
export async function checkStoredReport(doc: ReportDocument, unit: { id: number; kind: UnitKind }, reportId: number): Promise<StoredReportCheck> {
  const previous = await previousYearDocument(db(), unit.id, doc.year);
  const copied = measureCopiedText(doc, { previous: previousSource(previous), index: await yearIndex(doc.year), excludeId: reportSourceId(reportId) }, { format: doc.format });
  const unitLevel = await unitLevelOf(db(), unit.id);
  const findings = checkReport(doc.format, doc, previous, { unitKind: unit.kind, unitLevel, copied, copiedThreshold: copiedTextThreshold() });
  return { findings, copied };
}

/**
 * X-5 for one section's text as the clerk is typing it: the highest match among last year's
 * same section and the other units' public reports, with the passages both share.
 */
export async function checkCopiedTextOfSection(
  doc: ReportDocument,
  unit: { id: number; kind: UnitKind },
  reportId: number,
  sectionKey: string,
): Promise<CopiedTextCheck> {
  const previous = await previousYearDocument(db(), unit.id, doc.year);
  const index = await yearIndex(doc.year);
  const only = { ...doc, sections: doc.sections.map((s) => (s.key === sectionKey ? s : { ...s, html: "" })) };
  const [best] = measureCopiedText(only, { previous: previousSource(previous), index, excludeId: reportSourceId(reportId) }, { format: doc.format });
  if (!best) return { finding: null, match: null };
  const mineHtml = doc.sections.find((s) => s.key === sectionKey)?.html ?? "";
  const theirsHtml = await sourceSectionHtml(best, previous);
  const [finding] = copiedTextFindings([best], copiedTextThresholdPercent({ format: doc.format, threshold: copiedTextThreshold() }));
  return { finding: finding ?? null, match: { ...best, ...sideBySide(mineHtml, theirsHtml, { format: doc.format }) } };
}

async function sourceSectionHtml(match: CopiedTextMatch, previous: ReportDocument | undefined): Promise<string> {
  let sections = previous?.sections;
  if (match.source === "other") {
    const snapshot = await publicSnapshot(db(), Number(match.sourceId.slice("report:".length)));
    const parsed = snapshot ? parseReportJson(snapshot) : null;
    sections = parsed?.ok ? parsed.document.sections : [];
  }
  return sections?.find((s) => s.key === match.sourceSectionKey)?.html ?? "";
}

/**
 * For the editor: X-5 for the section being typed (not saved yet), for anyone who may read the
 * report. The text is sanitised like a save; nothing is stored.
 */
export async function checkCopiedTextOfDraft(reportId: number, input: unknown): Promise<CopiedTextCheck> {
  const { report, unit } = await requireReadableReport(reportId);
  const { sectionKey, html } = parseOrThrow(copiedTextQuerySchema, input);
  const stored = (await readReportDocument(db(), report.id))!;
  if (!stored.sections.some((s) => s.key === sectionKey)) throw new AppError("not_found");
  const doc = { ...stored, sections: stored.sections.map((s) => (s.key === sectionKey ? { ...s, html: sanitizeReportHtml(html) } : s)) };
  return checkCopiedTextOfSection(doc, { id: unit.id, kind: unit.kind }, report.id, sectionKey);
}
