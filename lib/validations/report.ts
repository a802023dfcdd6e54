import { z } from "zod";
import { getFormat, listTableCells, type CellId, type CellInfo, type FormatId, type TableId } from "@/lib/formats";
import { setTableValues, type CellTree, type CellValue } from "@/lib/interchange";
import { valueProblem } from "@/lib/rules";

/** Largest narrative section accepted (characters of HTML); a whole report is far smaller. */
export const MAX_SECTION_HTML = 500_000;
/** Largest value a count cell may hold; protects sums from overflow and typos. */
export const MAX_CELL_VALUE = 10_000_000;

export type CellInputResult = { ok: true; value: number | null } | { ok: false; message: string };

/**
 * Reads what a clerk typed into a table cell: full-width digits (「１２」) and separators are
 * converted; blank means "not filled in yet". Anything else gets a message for the cell.
 */
export function parseCellInput(raw: string, type: CellInfo["type"]): CellInputResult {
  const text = raw
    .replace(/[０-９．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, "");
  if (text === "") return { ok: true, value: null };
  const pattern = type === "decimal" ? /^\d+(\.\d+)?$/ : type === "signedInt" ? /^-?\d+$/ : /^\d+$/;
  if (!pattern.test(text)) {
    return {
      ok: false,
      message: type === "decimal" ? "请填写数字，如 12 或 1.25" : type === "signedInt" ? "请填写整数" : "只能填写数字（不小于 0 的整数）",
    };
  }
  const value = Number(text);
  if (Math.abs(value) > MAX_CELL_VALUE) return { ok: false, message: "数值过大，请核对" };
  const problem = valueProblem({ type }, value);
  return problem ? { ok: false, message: problem } : { ok: true, value };
}

const tableCellsSchemas = new Map<string, ReturnType<typeof buildTableCellsSchema>>();

/** The cells of one table, validated as the editor may store them (well-formed, no bad values); built once per table. */
export function tableCellsSchema(format: FormatId, tableId: TableId) {
  const key = `${format}:${tableId}`;
  let schema = tableCellsSchemas.get(key);
  if (!schema) tableCellsSchemas.set(key, (schema = buildTableCellsSchema(format, tableId)));
  return schema;
}

function buildTableCellsSchema(format: FormatId, tableId: TableId) {
  const cells = listTableCells(getFormat(format), tableId);
  return z
    .record(z.string(), z.unknown())
    .transform((input, ctx) => {
      const values: [CellId, CellValue][] = [];
      for (const cell of cells) {
        let node: unknown = input;
        for (const segment of cell.path) node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[segment] : undefined;
        if (node === undefined || node === null) {
          values.push([cell.id, null]);
          continue;
        }
        if (typeof node !== "number" || !Number.isFinite(node) || Math.abs(node) > MAX_CELL_VALUE) {
          ctx.addIssue({ code: "custom", path: cell.path as string[], message: `${cell.name}：数值无效（应为不超过 ${MAX_CELL_VALUE} 的数值）` });
          return z.NEVER;
        }
        const problem = valueProblem(cell, node);
        if (problem) {
          ctx.addIssue({ code: "custom", path: cell.path as string[], message: `${cell.name}：${problem}` });
          return z.NEVER;
        }
        values.push([cell.id, node]);
      }
      return (setTableValues({}, values)[tableId] ?? {}) as CellTree;
    });
}

export const saveSectionSchema = z.object({
  reportId: z.number().int().positive(),
  sectionKey: z.string().min(1).max(64),
  baseVersion: z.number().int().min(1),
  html: z.string().max(MAX_SECTION_HTML, "本节内容过长（超过 50 万字符），请分节或精简。").optional(),
  cells: z.record(z.string(), z.unknown()).optional(),
});

export type SaveSectionInput = z.infer<typeof saveSectionSchema>;

/** The text of a narrative section as the clerk is typing it, checked for X-5 (雷同) before it is saved. */
export const copiedTextQuerySchema = z.object({
  sectionKey: z.string().min(1).max(64),
  html: z.string().max(MAX_SECTION_HTML, "本节内容过长（超过 50 万字符），请分节或精简。"),
});

export const reportTitleSchema = z.object({
  title: z.string().trim().min(4, "请填写报告标题。").max(120, "标题不能超过 120 个字。"),
});

/**
 * The raw text of a table's input cells as the editor's form holds it (nested like the
 * document: `{ table3: { naturalPerson: { newReceived: "12" } } }`), each cell checked with
 * parseCellInput so the clerk sees a message at the cell that caused it.
 */
export function tableInputSchema(format: FormatId, tableId: TableId) {
  type Shape = { [key: string]: Shape | CellInfo };
  const root: Shape = {};
  for (const cell of listTableCells(getFormat(format), tableId)) {
    if (cell.computed) continue;
    let node = root;
    const segments = [cell.tableId, ...cell.path];
    segments.forEach((segment, i) => {
      if (i === segments.length - 1) node[segment] = cell;
      else node = (node[segment] ??= {}) as Shape;
    });
  }
  const build = (shape: Shape): z.ZodType<Record<string, unknown>, Record<string, unknown>> =>
    z.object(
      Object.fromEntries(
        Object.entries(shape).map(([key, child]) => [
          key,
          "id" in child && typeof child.id === "string"
            ? z.string().superRefine((raw, ctx) => {
                const parsed = parseCellInput(raw, (child as CellInfo).type);
                if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
              })
            : build(child as Shape),
        ]),
      ),
    );
  return build(root);
}
