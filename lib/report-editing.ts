import type { FormatId, TableId } from "@/lib/formats";
import type { CellTree, ReportDocument } from "@/lib/interchange";
import type { ReportStatus } from "@/lib/permissions";
import type { UnitLevel } from "@/lib/vocabulary";
import { countFindings, type CopiedTextMatch, type Finding, type Segment } from "@/lib/rules";

/** What a section holds: narrative HTML, or the cells of one statistics table. */
export type SectionContent = { kind: "narrative"; html: string } | { kind: "table"; tableId: TableId; cells: CellTree | null };

/** A change of content as the editor makes it (typing, restoring a draft, choosing in a conflict). */
export type ContentChange = { html: string } | { cells: CellTree | null };

/** The section with the change applied where it fits its kind (HTML to narrative, cells to a table). */
export function withContent<T extends SectionContent>(section: T, change: ContentChange): T {
  if (section.kind === "narrative" && "html" in change) return { ...section, html: change.html };
  if (section.kind === "table" && "cells" in change) return { ...section, cells: change.cells };
  return section;
}

/** The content of a section in the shape saves and conflicts carry (both fields, one of them empty). */
export function contentFields(section: SectionContent): { html: string; cells: CellTree | null } {
  return section.kind === "narrative" ? { html: section.html, cells: null } : { html: "", cells: section.cells };
}

/** What the editor shows of one section (shared by the data layer and the editor component). */
export type EditorSection = SectionContent & {
  key: string;
  heading: string;
  completed: boolean;
  version: number;
  state: "not_started" | "editing" | "completed";
  updatedAt: Date | null;
  updatedBy: string | null;
  guidance: string;
};

export interface EditorReport {
  id: number;
  year: number;
  title: string;
  status: ReportStatus;
  format: FormatId;
  unitName: string;
  unitKind: ReportDocument["unit"]["kind"];
  /** The unit's level (R2-2: a department works at its parent's). */
  unitLevel: UnitLevel;
  editable: boolean;
  /**
   * 汇总 (issue 14): null when the unit supervises no units; else whether the 汇总 was started
   * (then the table sections are read-only: they are written by the 汇总 page).
   */
  summation?: { started: boolean } | null;
  sections: EditorSection[];
  /** Last year's report of the unit, for reference figures, R3-5/R2-1 and section 五. */
  previous: ReportDocument | null;
  /**
   * X-5 warnings of the stored text (雷同 is checked on the server, where the other units'
   * reports are; the editor asks again for the section being typed).
   */
  copiedText: Finding[];
  deadline: string;
  daysLeft: number;
}

/** X-5 of one section's text: its warning if any, and its highest match with both texts cut into shared and unshared runs. */
export interface CopiedTextCheck {
  finding: Finding | null;
  match: (CopiedTextMatch & { mine: Segment[]; theirs: Segment[] }) | null;
}

/** A review comment as the review screen and the editor show it. */
export interface ReviewCommentView {
  id: number;
  sectionKey: string;
  cellId: string | null;
  parentId: number | null;
  author: string;
  authorRole: string;
  body: string;
  createdAt: Date;
  resolvedAt: Date | null;
}

/** True when (sanitised) narrative HTML has no visible text: `""`, `<p></p>`, `<p><br></p>`, `&nbsp;`. */
export function isBlankHtml(html: string): boolean {
  return html.replace(/<[^>]*>/g, "").replace(/&nbsp;|&#160;|\s/g, "") === "";
}

/** The table a finding is about (its main cell's table), or null for a text finding. */
export function findingTableId(finding: Pick<Finding, "cells">): string | null {
  const cell = finding.cells[0];
  return cell ? (cell.split(".")[0] ?? null) : null;
}

/**
 * Why a section may not be marked 已完成, or null when it may: a narrative section needs text,
 * a table section must have no rule errors and no blank cells (`findings`: the whole report's, as
 * checkReport gives them; those of other sections are ignored). The editor and the server both
 * ask this.
 */
export function completionRefusal(
  section: SectionContent,
  findings: readonly Pick<Finding, "cells" | "severity" | "kind" | "consequenceOf">[],
): string | null {
  if (section.kind === "narrative") return isBlankHtml(section.html) ? "本部分尚未填写，不能标记为已完成。" : null;
  // Mistakes counted once per cause; cells not filled in are named apart (they are no mistake, but the table is not done).
  const { errors, blanks } = countFindings(findings.filter((f) => f.severity === "error" && findingTableId(f) === section.tableId));
  if (errors > 0) return `本部分还有 ${errors} 个错误，改正后才能标记为已完成。`;
  if (blanks > 0) return `本部分还有 ${blanks} 格未填写，填写后才能标记为已完成。`;
  return null;
}
