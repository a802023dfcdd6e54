"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { CellId } from "@/lib/formats";
import { REPORT_SCHEMA_ID, type CellTree, type ReportDocument, type ReportTables } from "@/lib/interchange";
import { checkReport, computeTotals, countFindings, fillComputedCells, likelyMistypedCell, type Finding } from "@/lib/rules";
import type { ActionResult } from "@/lib/action-result";
import { completionRefusal, contentFields, withContent, type ContentChange, type CopiedTextCheck, type EditorReport, type EditorSection } from "@/lib/report-editing";
import { ConflictView, type ConflictState } from "./conflict-view";
import { CopiedTextPanel } from "./copied-text-panel";
import { highlightExcerpts, selectExcerpt } from "./text-highlights";
import { FindingsPanel } from "./findings-panel";
import { RichTextEditor } from "./rich-text-editor";
import { SaveStatus } from "./save-status";
import { SectionNav, sectionLabel, type SectionNavItem } from "./section-nav";
import { inputId, TableSectionEditor } from "./table-section-editor";
import { saveSectionRequest } from "./save-section-request";
import { readLocalDraft, useAutosave, type SaveOutcome } from "./use-autosave";

type EditorSectionData = EditorSection;
type EditorReportData = Pick<EditorReport, "id" | "year" | "title" | "format" | "unitName" | "unitKind" | "unitLevel" | "editable" | "sections" | "previous" | "copiedText" | "summation">;

export interface ReportEditorActions {
  setCompleted: (reportId: number, sectionKey: string, completed: boolean) => Promise<ActionResult>;
  touchPresence: (reportId: number, sectionKey: string) => Promise<ActionResult<string[]>>;
  /** X-5 of the section being typed (the other units' reports are on the server). */
  checkCopiedText: (reportId: number, input: { sectionKey: string; html: string }) => Promise<ActionResult<CopiedTextCheck>>;
}

/** How long typing must pause before the section is checked for copied text again. */
const COPIED_TEXT_DELAY_MS = 1200;

/** Rules whose findings name a sentence the editor marks in the text. */
const SENTENCE_RULES = new Set(["X-1", "X-9"]);

type Content = { html: string } | { cells: CellTree };

/** What the editor says where last year's figures or text would be shown but there is no published edition. */
const NO_PUBLISHED_REFERENCE = "上年报告尚未发布，无参考数据。";

/**
 * Builds the document the rule engine checks from the editor's state. In an editable draft the
 * computed cells hold their totals, exactly as the server stores them on save; a read-only
 * (e.g. imported) report is checked as stored.
 */
function toDocument(report: EditorReportData, sections: EditorSectionData[]): ReportDocument {
  let tables: ReportTables = {};
  for (const s of sections) if (s.kind === "table") tables[s.tableId] = s.cells ?? {};
  if (report.editable) tables = fillComputedCells(report.format, tables);
  return {
    schema: REPORT_SCHEMA_ID,
    format: report.format as "gov-2021",
    year: report.year,
    unit: { name: report.unitName, kind: report.unitKind },
    title: report.title,
    metadata: {},
    sections: sections.filter((s) => s.kind === "narrative").map((s) => ({ key: s.key, heading: s.heading, html: s.html })),
    tables,
    attachments: [],
  };
}

/**
 * The clerk's editor for one section of a report, with the section list, live checks over the
 * whole report, autosave, conflict handling and presence.
 */
export function ReportEditor({
  report,
  currentKey,
  openComments = {},
  actions,
}: {
  report: EditorReportData;
  currentKey: string;
  /** Unresolved review comments per section key, marked in the section menu. */
  openComments?: Readonly<Record<string, number>>;
  actions: ReportEditorActions;
}) {
  const [sections, setSections] = useState(report.sections);
  const [generation, setGeneration] = useState(0);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const [others, setOthers] = useState<string[]>([]);
  const [completeError, setCompleteError] = useState<string>();
  /** Cells typed in this visit, the latest last: where a new finding most likely comes from. */
  const [typedCells, setTypedCells] = useState<CellId[]>([]);
  const current = sections.find((s) => s.key === currentKey)!;
  /** A 汇总 report's tables are written by the 汇总 page only. */
  const summed = report.summation?.started === true;
  const storageKey = `nianbao:draft:${report.id}:${currentKey}`;

  const document = useMemo(() => toDocument(report, sections), [report, sections]);
  const copiedText = useCopiedText(report, current, actions.checkCopiedText);
  const findings = useMemo(() => {
    // Every rule runs here as the clerk types, except X-5, which needs the other units' reports:
    // the server's findings of the stored text, the section being typed replaced by its live answer.
    const local = checkReport(report.format, document, report.previous, { unitKind: report.unitKind, unitLevel: report.unitLevel });
    if (!copiedText.check) return [...local, ...report.copiedText];
    const currentPath = `sections.${document.sections.findIndex((s) => s.key === currentKey)}.html`;
    const live = copiedText.check.finding;
    return [...local, ...report.copiedText.filter((f) => f.path !== currentPath), ...(live ? [live] : [])];
  }, [report.format, report.previous, report.unitKind, report.unitLevel, report.copiedText, document, copiedText.check, currentKey]);
  const totals = useMemo(() => computeTotals(report.format, document), [report.format, document]);
  const tables = "tables" in document ? document.tables : undefined;
  const targetOf = useCallback(
    (finding: Finding) => likelyMistypedCell(report.format, finding, tables, typedCells),
    [report.format, tables, typedCells],
  );
  const onCellTyped = useCallback(
    (cellId: CellId) => setTypedCells((typed) => (typed.at(-1) === cellId ? typed : [...typed.filter((id) => id !== cellId), cellId].slice(-50))),
    [],
  );
  const narrativeKeys = useMemo(() => sections.filter((s) => s.kind === "narrative").map((s) => s.key), [sections]);

  const sectionOf = useCallback(
    (finding: Finding): string | null => {
      // A text finding (X-1 names a cell too) belongs where its sentence is.
      const match = finding.path?.match(/^sections\.(\d+)\./);
      if (match) return narrativeKeys[Number(match[1])] ?? null;
      const cell = finding.cells[0];
      return cell ? (sections.find((s) => s.kind === "table" && s.tableId === cell.split(".")[0])?.key ?? null) : null;
    },
    [sections, narrativeKeys],
  );

  /** Applies a change of content and/or state to the section being edited. */
  const updateCurrent = useCallback(
    (change: ContentChange | null, state: Partial<Pick<EditorSectionData, "version" | "completed" | "state">> = {}) =>
      setSections((all) => all.map((s) => (s.key === currentKey ? { ...(change ? withContent(s, change) : s), ...state } : s))),
    [currentKey],
  );

  const save = useCallback(
    async (content: Content, baseVersion: number): Promise<SaveOutcome> => {
      const result = await saveSectionRequest({ reportId: report.id, sectionKey: currentKey, baseVersion, ...content });
      if (!result.ok) return { kind: "refused", message: result.message };
      if (result.data.status === "conflict") {
        const { theirs } = result.data;
        setConflict({ mine: content, theirs: { ...theirs, updatedAt: theirs.updatedAt ? new Date(theirs.updatedAt) : null } });
        return { kind: "conflict" };
      }
      const { version, savedAt } = result.data;
      setSections((all) =>
        all.map((s) => (s.key === currentKey ? { ...s, version, updatedAt: new Date(savedAt), state: s.completed ? "completed" : "editing" } : s)),
      );
      return { kind: "saved", at: new Date(savedAt), version };
    },
    [currentKey, report.id],
  );

  const autosave = useAutosave<Content>({ storageKey, save });
  const { setBaseVersion, change: queueChange } = autosave;
  useEffect(() => setBaseVersion(current.version), [current.version, setBaseVersion]);

  // Unsaved work from an earlier visit (closed tab, crash, server down) comes back.
  useEffect(() => {
    const draft = readLocalDraft<Content>(storageKey);
    if (!draft || !report.editable) return;
    if (draft.baseVersion === current.version) {
      // localStorage can only be read after hydration, so this state update has to live in an effect.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      updateCurrent(draft.content);
      setGeneration((g) => g + 1);
      queueChange(draft.content);
    } else if (draft.baseVersion < current.version) {
      setConflict({
        mine: draft.content,
        theirs: { ...contentFields(current), version: current.version, updatedAt: current.updatedAt, updatedBy: current.updatedBy },
      });
    }
    // Only when a section is opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storageKey]);

  useEffect(() => {
    let cancelled = false;
    const touch = () =>
      actions
        .touchPresence(report.id, currentKey)
        .then((r) => !cancelled && r.ok && setOthers(r.data))
        .catch(() => undefined);
    void touch();
    const timer = setInterval(touch, 15_000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [actions, report.id, currentKey]);

  const onContent = (content: Content) => {
    setCompleteError(undefined);
    updateCurrent(content);
    queueChange(content);
  };

  const resolveConflict = (choice: "theirs" | "mine") => {
    if (!conflict) return;
    const { theirs, mine } = conflict;
    setConflict(null);
    if (choice === "theirs") {
      autosave.discardPending();
      setBaseVersion(theirs.version);
      updateCurrent(current.kind === "narrative" ? { html: theirs.html } : { cells: theirs.cells }, { version: theirs.version });
      setGeneration((g) => g + 1);
      return;
    }
    // Keep mine on top of their version; theirs stays in the section's history.
    updateCurrent(mine, { version: theirs.version });
    setBaseVersion(theirs.version);
    setGeneration((g) => g + 1);
    queueChange(mine);
    autosave.resume();
  };

  const toggleCompleted = async () => {
    autosave.flush();
    setCompleteError(undefined);
    const next = !current.completed;
    // The same check the server makes: an empty section or one with errors is not done.
    const refusal = next ? completionRefusal(current, findings) : null;
    if (refusal) return setCompleteError(refusal);
    const result = await actions.setCompleted(report.id, currentKey, next);
    if (!result.ok) setCompleteError(result.message);
    else updateCurrent(null, { completed: next, state: next ? "completed" : "editing" });
  };

  const navItems: SectionNavItem[] = sections.map((s) => {
    // Mistakes and warnings; blank cells are not mistakes (they are counted in the findings panel).
    const { errors, warnings } = countFindings(findings.filter((f) => sectionOf(f) === s.key));
    return { key: s.key, label: sectionLabel(s.heading), state: s.state, errors, warnings, openComments: openComments[s.key] ?? 0 };
  });
  const sectionFindings = findings.filter((f) => sectionOf(f) === currentKey || (currentKey === sections[0]?.key && f.path === "title"));
  const locate = (finding: Finding) => {
    const key = sectionOf(finding);
    const cell = finding.cells[0];
    if (key === currentKey) {
      if (cell && !finding.path) return { inThisSection: true as const, targetId: inputId(targetOf(finding) ?? cell) };
      return { inThisSection: true as const, targetId: "narrative-editor", excerpt: SENTENCE_RULES.has(finding.ruleId) ? finding.excerpt : undefined };
    }
    return key ? { inThisSection: false as const, href: `/staff/reports/${report.id}/sections/${key}` } : null;
  };
  const previousProblems = report.previous?.sections.find((s) => s.key === "problems");
  const previousTables = report.previous && "tables" in report.previous ? (report.previous.tables ?? null) : null;
  const referenceNote =
    report.previous === null ? NO_PUBLISHED_REFERENCE : previousTables === null ? `${report.year - 1}年度报告为旧格式，没有可对照的表格数据。` : null;
  const counts = countFindings(findings);
  const sentenceExcerpts = sectionFindings.filter((f) => SENTENCE_RULES.has(f.ruleId) && f.excerpt).map((f) => f.excerpt!);
  useSentenceHighlights(current.kind === "narrative" ? "narrative-editor" : null, sentenceExcerpts);
  const completedCount = sections.filter((s) => s.completed).length;

  return (
    <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
      <aside className="space-y-4">
        <p className="text-sm text-muted">
          进度：已完成 {completedCount}/{sections.length} 节 · 全文 {counts.errors} 个错误、{counts.warnings} 个提醒
          {counts.blanks > 0 && `，未填 ${counts.blanks} 格`}
        </p>
        <SectionNav reportId={report.id} items={navItems} current={currentKey} />
        <p className="text-sm">
          <Link href={`/staff/reports/${report.id}/preview`}>预览全文</Link>
        </p>
      </aside>
      <div className="min-w-0 space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-xl font-semibold">{sectionLabel(current.heading)}</h2>
          <div className="flex items-center gap-4">
            {report.editable && <SaveStatus state={autosave.state} />}
            <Link href={`/staff/reports/${report.id}/sections/${currentKey}/history`} className="text-sm">
              本节历史版本
            </Link>
          </div>
        </div>
        {others.length > 0 && (
          <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {others.join("、")} 正在编辑此节。请注意不要同时修改同一处内容。
          </p>
        )}
        {!report.editable && (
          <p role="note" className="rounded border border-line bg-gray-50 px-3 py-2 text-sm">
            您正在以只读方式查看本报告。
          </p>
        )}
        {current.guidance && (
          <details className="rounded border border-line bg-white px-4 py-2 text-sm" open={current.state === "not_started"}>
            <summary className="cursor-pointer font-medium">本节应当写什么</summary>
            <p className="mt-2 whitespace-pre-line text-muted">{current.guidance}</p>
          </details>
        )}
        {conflict && <ConflictView conflict={conflict} kind={current.kind} format={report.format} onChoose={resolveConflict} />}
        {current.kind === "narrative" ? (
          <div className={current.key === "problems" ? "grid gap-4 xl:grid-cols-2" : ""}>
            <RichTextEditor
              key={`${currentKey}:${generation}`}
              id="narrative-editor"
              label={`${sectionLabel(current.heading)} 正文`}
              initialHtml={current.html}
              readOnly={!report.editable || conflict !== null}
              onChange={(html) => onContent({ html })}
              onBlur={autosave.flush}
            />
            {current.key === "problems" && (
              <aside aria-labelledby="last-year-problems" className="rounded border border-line bg-gray-50 p-4 text-sm">
                <h3 id="last-year-problems" className="mb-2 font-semibold">
                  参考：{report.year - 1}年度报告的「存在的主要问题及改进情况」
                </h3>
                {report.previous === null ? (
                  <p role="note">{NO_PUBLISHED_REFERENCE}</p>
                ) : previousProblems?.html.trim() ? (
                  <>
                    <p className="mb-2 text-muted">请在本年度报告中说明上一年度所列问题的改进情况。以下内容摘自已发布的上年报告，仅供参考，不会自动复制。</p>
                    {/* Last year's published text was sanitised when it was saved or imported. */}
                    <div className="[&_p]:mb-2" dangerouslySetInnerHTML={{ __html: previousProblems.html }} />
                  </>
                ) : (
                  <p role="note">已发布的{report.year - 1}年度报告没有这一部分的内容。</p>
                )}
              </aside>
            )}
          </div>
        ) : (
          <>
            {summed && (
              <p role="note" className="rounded border border-line bg-gray-50 px-3 py-2 text-sm">
                本报告为汇总报告，统计表由本级数据和各单位数据汇总生成，不能在这里修改。请到
                <Link href={`/staff/reports/${report.id}/summation`} className="mx-1">
                  汇总页面
                </Link>
                修改本级数据或重新汇总。
              </p>
            )}
            <TableSectionEditor
              key={`${currentKey}:${generation}`}
              format={report.format}
              tableId={current.tableId}
              cells={current.cells}
              totals={totals as Record<CellId, number | null>}
              findings={sectionFindings}
              targetOf={targetOf}
              reference={previousTables}
              referenceNote={referenceNote}
              readOnly={!report.editable || conflict !== null || summed}
              onChange={(cells) => onContent({ cells })}
              onCellTyped={onCellTyped}
              onBlur={autosave.flush}
            />
          </>
        )}
        {current.kind === "narrative" && (
          <CopiedTextPanel check={copiedText.check} sourceHeading={(m) => sections.find((s) => s.key === m.sourceSectionKey)?.heading ?? ""} />
        )}
        <FindingsPanel findings={sectionFindings} locate={locate} onSelectExcerpt={(excerpt) => selectExcerpt("narrative-editor", excerpt)} />
        {report.editable && (
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              onClick={toggleCompleted}
              aria-describedby={completeError ? "complete-error" : undefined}
              className={current.completed ? "rounded border border-line bg-white px-4 py-2 text-sm" : "rounded bg-gov-red px-4 py-2 text-sm text-white"}
            >
              {current.completed ? "取消“已完成”标记" : "标记为已完成"}
            </button>
            {completeError && (
              <p id="complete-error" role="alert" className="text-sm text-red-800">
                {completeError}
              </p>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

/**
 * X-5 of the narrative section being edited, asked of the server when the section is opened and
 * whenever typing pauses; an answer to an older text is dropped.
 */
function useCopiedText(
  report: EditorReportData,
  current: EditorSectionData,
  check: ReportEditorActions["checkCopiedText"],
): { check: CopiedTextCheck | undefined } {
  const [result, setResult] = useState<{ key: string; check: CopiedTextCheck }>();
  const asked = useRef(0);
  const html = current.kind === "narrative" ? current.html : null;
  const key = current.key;
  useEffect(() => {
    if (html === null) return;
    const ticket = ++asked.current;
    const timer = setTimeout(() => {
      check(report.id, { sectionKey: key, html })
        .then((r) => {
          if (r.ok && ticket === asked.current) setResult({ key, check: r.data });
        })
        .catch(() => undefined);
    }, COPIED_TEXT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [check, report.id, key, html]);
  return { check: result?.key === key ? result.check : undefined };
}

/** Marks the sentences findings name in the editor, after every render that changes them. */
function useSentenceHighlights(editorId: string | null, excerpts: readonly string[]) {
  const joined = excerpts.join("\u0000");
  useEffect(() => {
    if (!editorId) return;
    // The editor is created after hydration: try again shortly if it is not there yet.
    const paint = () => highlightExcerpts(editorId, joined ? joined.split("\u0000") : []);
    paint();
    const timer = setTimeout(paint, 300);
    return () => clearTimeout(timer);
  }, [editorId, joined]);
}
