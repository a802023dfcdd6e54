import type { FormatId } from "@/lib/formats";
import type { ReportDocument } from "@/lib/interchange";
import type { ReportStatus } from "@/lib/permissions";

/** What the editor shows of one section (shared by the data layer and the editor component). */
export interface EditorSection {
  key: string;
  heading: string;
  kind: "narrative" | "table";
  tableId: string | null;
  html: string;
  cells: Record<string, unknown> | null;
  completed: boolean;
  version: number;
  state: "not_started" | "editing" | "completed";
  updatedAt: Date | null;
  updatedBy: string | null;
  guidance: string;
}

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
