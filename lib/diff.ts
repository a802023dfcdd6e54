import { diffChars } from "diff";
import { listTableCells, type CellInfo, type FormatId, type TableId } from "@/lib/formats";
import { getTableValue, type CellTree, type CellValue } from "@/lib/interchange";
import { htmlToParagraphs } from "@/lib/rules";

export interface TextDiffPart {
  value: string;
  change: "added" | "removed" | "same";
}

/**
 * What changed between two versions of a narrative section, on its text (Chinese has no word
 * boundaries, so the diff is by character; paragraphs stay separated by line breaks).
 */
export function narrativeDiff(beforeHtml: string, afterHtml: string): TextDiffPart[] {
  const before = htmlToParagraphs(beforeHtml).join("\n");
  const after = htmlToParagraphs(afterHtml).join("\n");
  return diffChars(before, after).map((part) => ({
    value: part.value,
    change: part.added ? "added" : part.removed ? "removed" : "same",
  }));
}

export interface CellChange {
  cell: Pick<CellInfo, "id" | "name">;
  before: CellValue | undefined;
  after: CellValue | undefined;
}

/** Cells of one table whose value differs between two versions (old → new), in reading order. */
export function tableDiff(format: FormatId, tableId: TableId, before: CellTree | null, after: CellTree | null): CellChange[] {
  return listTableCells(format, tableId)
    .map((cell) => ({
      cell: { id: cell.id, name: cell.name },
      before: getTableValue({ [tableId]: before ?? {} }, cell.id),
      after: getTableValue({ [tableId]: after ?? {} }, cell.id),
    }))
    .filter((c) => (c.before ?? null) !== (c.after ?? null));
}
