"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useMemo, useRef, type KeyboardEvent } from "react";
import { useForm, type FieldValues } from "react-hook-form";
import { buildTableLayout, cellName, getTable, type CellId, type FormatId, type LayoutCell, type TableId } from "@/lib/formats";
import { getTableValue, setTableValue, type CellTree, type ReportTables } from "@/lib/interchange";
import { consequencesOf, isListed, type Finding } from "@/lib/rules";
import { parseCellInput, tableInputSchema } from "@/lib/validations/report";

interface TableSectionEditorProps {
  format: FormatId;
  tableId: TableId;
  /** Stored cells of this table (numbers or null). */
  cells: CellTree | null;
  /** Computed cells' values for the current input (live). */
  totals: Record<CellId, number | null>;
  /** Findings that concern this table, shown at their cells. */
  findings: readonly Finding[];
  /** The cell a finding is shown at: the one the clerk most likely mistyped (lib/rules likelyMistypedCell). */
  targetOf: (finding: Finding) => CellId | undefined;
  /** Last year's published tables, shown beside each cell as a reference. */
  reference: ReportTables | null;
  /** Said above the table when there is no reference (e.g. 「上年报告尚未发布，无参考数据」). */
  referenceNote: string | null;
  readOnly: boolean;
  /** Called with the table's cells (numbers or null) whenever a cell changes to a valid value. */
  onChange: (cells: CellTree) => void;
  /** Called with the cell the clerk just typed in. */
  onCellTyped?: (cellId: CellId) => void;
  onBlur: () => void;
}

interface CellFindings {
  readonly severity: "error" | "warning";
  readonly messages: string[];
}

const display = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));

/**
 * A statistics table laid out exactly as the format defines it, with an input per cell.
 * Computed cells (总计) are read-only and follow the input live. Tab and Enter move through
 * the input cells in reading order. A cell with something other than a number keeps its last
 * valid value for saving and shows a message at the cell.
 *
 * A finding is shown at the cell the clerk most likely mistyped: that cell is marked invalid
 * (`aria-invalid`, a red ring) and described by the message, which appears beside it on hover
 * and focus; the other cells the finding involves are tinted. Blank cells are not marked.
 */
export function TableSectionEditor({
  format,
  tableId,
  cells,
  totals,
  findings,
  targetOf,
  reference,
  referenceNote,
  readOnly,
  onChange,
  onCellTyped,
  onBlur,
}: TableSectionEditorProps) {
  const table = getTable(format, tableId)!;
  const layout = useMemo(() => buildTableLayout(table), [table]);
  const inputCells = useMemo(
    () => layout.body.flat().filter((c): c is Extract<LayoutCell, { kind: "data" }> => c.kind === "data" && !c.computed),
    [layout],
  );
  const defaultValues = useMemo(() => {
    let values: ReportTables = {};
    const tables: ReportTables = { [tableId]: cells ?? {} };
    for (const cell of inputCells) values = setTableValue(values, cell.cellId, display(getTableValue(tables, cell.cellId)) as never);
    return values as FieldValues;
    // The form is initialised once per section; later server values come back through `cells` only on conflict resolution (remount).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const { register, watch, getValues, getFieldState, formState } = useForm({
    defaultValues,
    resolver: zodResolver(tableInputSchema(format, tableId)),
    mode: "onChange",
  });
  void formState.errors; // subscribe to error updates

  const lastValid = useRef<CellTree>(cells ?? {});
  const onChangeRef = useRef(onChange);
  const onCellTypedRef = useRef(onCellTyped);
  useEffect(() => {
    onChangeRef.current = onChange;
    onCellTypedRef.current = onCellTyped;
  }, [onChange, onCellTyped]);

  useEffect(() => {
    const subscription = watch((_values, { name }) => {
      if (!name) return;
      const cell = inputCells.find((c) => c.cellId === name);
      if (!cell) return;
      onCellTypedRef.current?.(cell.cellId);
      const raw = String(getValues(name) ?? "");
      const parsed = parseCellInput(raw, cell.type);
      if (!parsed.ok) return;
      const next = setTableValue({ [tableId]: lastValid.current }, cell.cellId, parsed.value);
      lastValid.current = next[tableId]!;
      onChangeRef.current(lastValid.current);
    });
    return () => subscription.unsubscribe();
  }, [watch, getValues, inputCells, tableId]);

  const { atCell, involved } = useMemo(() => {
    const atCell = new Map<CellId, CellFindings>();
    const involved = new Set<CellId>();
    for (const f of findings.filter(isListed)) {
      const target = targetOf(f) ?? f.cells[0];
      if (!target) continue;
      const entry = atCell.get(target) ?? { severity: f.severity, messages: [] };
      const notes = consequencesOf(f, findings).map((c) => `导致：${c.message}`);
      atCell.set(target, { severity: entry.severity === "error" ? "error" : f.severity, messages: [...entry.messages, f.message, ...notes] });
      for (const id of f.cells) if (id !== target) involved.add(id);
    }
    return { atCell, involved };
  }, [findings, targetOf]);

  const moveOnEnter = (event: KeyboardEvent<HTMLInputElement>, index: number) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const next = inputCells[event.shiftKey ? index - 1 : index + 1];
    if (next) document.getElementById(inputId(next.cellId))?.focus();
  };

  const renderCell = (cell: LayoutCell, key: number, rowHeaderScope: "row" | "rowgroup"): React.ReactNode => {
    if (cell.kind !== "data") {
      if (cell.kind === "corner") {
        return (
          <td key={key} colSpan={cell.colSpan} rowSpan={cell.rowSpan} className="border border-line bg-gray-50 p-2 text-xs text-muted">
            {cell.text}
          </td>
        );
      }
      if (cell.kind === "rowHeader") {
        return (
          <th key={key} scope={cell.rowSpan > 1 ? "rowgroup" : rowHeaderScope} colSpan={cell.colSpan} rowSpan={cell.rowSpan} className="border border-line bg-gray-50 p-2 text-left text-sm font-normal">
            {cell.text}
          </th>
        );
      }
      return (
        <th key={key} scope={cell.colSpan > 1 ? "colgroup" : "col"} colSpan={cell.colSpan} rowSpan={cell.rowSpan} className="border border-line bg-gray-100 p-2 text-sm font-medium">
          {cell.text}
        </th>
      );
    }
    const name = cellName(format, cell.cellId);
    const found = atCell.get(cell.cellId);
    const ring = found?.severity === "error" ? "ring-2 ring-red-600" : found ? "ring-2 ring-amber-500" : involved.has(cell.cellId) ? "bg-red-50" : "";
    const previous = reference ? getTableValue(reference, cell.cellId) : undefined;
    const hint = previous !== undefined && <span className="block px-1 text-right text-xs text-muted">上年 {previous === null ? "未填" : display(previous)}</span>;
    const findingId = `${inputId(cell.cellId)}-finding`;
    const findingNote = found && (
      <span
        id={findingId}
        className={`invisible absolute bottom-full right-0 z-20 mb-1 w-72 rounded border bg-white p-2 text-left text-xs font-normal shadow-md group-focus-within:visible group-hover:visible ${
          found.severity === "error" ? "border-red-300 text-red-800" : "border-amber-300 text-amber-900"
        }`}
        data-testid="cell-finding"
      >
        {found.messages.map((m, i) => (
          <span key={i} className="block">
            {m}
          </span>
        ))}
      </span>
    );
    if (cell.computed) {
      return (
        <td key={key} colSpan={cell.colSpan} className={`group relative min-w-16 border border-line bg-gray-50 p-1 text-right ${ring}`} data-cell-id={cell.cellId}>
          <output
            id={inputId(cell.cellId)}
            tabIndex={-1}
            aria-label={`${name}（自动合计）`}
            aria-invalid={found?.severity === "error" ? true : undefined}
            aria-describedby={found ? findingId : undefined}
            className="block px-2 py-1 font-medium tabular-nums"
          >
            {display(totals[cell.cellId])}
          </output>
          {hint}
          {findingNote}
        </td>
      );
    }
    const index = inputCells.findIndex((c) => c.cellId === cell.cellId);
    const error = getFieldState(cell.cellId).error?.message;
    const describedBy = [error ? `${inputId(cell.cellId)}-error` : null, found ? findingId : null].filter(Boolean).join(" ");
    return (
      <td key={key} colSpan={cell.colSpan} className={`group relative border border-line p-1 ${ring}`} data-cell-id={cell.cellId}>
        <input
          id={inputId(cell.cellId)}
          aria-label={name}
          aria-invalid={error || found?.severity === "error" ? true : undefined}
          aria-describedby={describedBy || undefined}
          inputMode={cell.type === "decimal" ? "decimal" : "numeric"}
          autoComplete="off"
          readOnly={readOnly}
          className="w-full min-w-14 rounded border border-line px-2 py-1 text-right tabular-nums aria-[invalid=true]:border-red-700 read-only:bg-gray-50"
          onKeyDown={(e) => moveOnEnter(e, index)}
          {...register(cell.cellId, { onBlur })}
        />
        {hint}
        {error && (
          <span id={`${inputId(cell.cellId)}-error`} role="alert" className="block px-1 text-xs text-red-800">
            {error}
          </span>
        )}
        {findingNote}
      </td>
    );
  };

  return (
    <div className="overflow-x-auto" role="region" aria-label={`${layout.title}（可横向滚动）`} tabIndex={0}>
      {referenceNote && (
        <p role="note" className="mb-2 rounded border border-line bg-gray-50 px-3 py-2 text-sm text-muted">
          {referenceNote}
        </p>
      )}
      <table className="w-full border-collapse bg-white text-sm">
        <caption className="mb-2 text-left font-semibold">{layout.title}</caption>
        {layout.head.length > 0 && (
          <thead>
            {layout.head.map((row, i) => (
              <tr key={i}>{row.map((cell, j) => renderCell(cell, j, "row"))}</tr>
            ))}
          </thead>
        )}
        <tbody>
          {layout.body.map((row, i) => (
            <tr key={i}>{row.map((cell, j) => renderCell(cell, j, "row"))}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const inputId = (cellId: CellId) => `cell-${cellId.replaceAll(".", "-")}`;
