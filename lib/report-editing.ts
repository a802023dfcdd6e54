import type { FormatId, TableId } from "@/lib/formats";
import type { CellTree, ReportDocument } from "@/lib/interchange";
import type { ReportStatus } from "@/lib/permissions";

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
  editable: boolean;
  sections: EditorSection[];
  /** Last year's report of the unit, for reference figures, R3-5/R2-1 and section 五. */
  previous: ReportDocument | null;
  deadline: string;
  daysLeft: number;
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
