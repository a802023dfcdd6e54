"use client";

import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { EditorToolbar } from "./editor-toolbar";
import { createReportEditorExtensions } from "./editor-extensions";
import { cleanPastedHtml } from "./paste-cleanup";

export interface RichTextEditorProps {
  /** id of the editing surface (role="textbox"); the label gets `${id}-label`. */
  id: string;
  /** Visible label, also the accessible name of the editing surface. */
  label: string;
  /** Content when the editor is created; later changes of this prop are ignored (uncontrolled). */
  initialHtml: string;
  /** Called with the editor's HTML after every change ("" when the document is empty). */
  onChange(html: string): void;
  onBlur?(): void;
  readOnly?: boolean;
  /** id(s) of hint or error text, forwarded as aria-describedby. */
  describedBy?: string;
}

/** Document look of the editing surface; ProseMirror content is styled through descendant variants. */
const surfaceClass = [
  "min-h-64 bg-white px-6 py-5 font-serif text-base leading-[1.8] text-ink outline-none",
  "[&_p]:my-2",
  "[&_h3]:mt-5 [&_h3]:mb-2 [&_h3]:font-sans [&_h3]:text-xl [&_h3]:font-bold [&_h3]:leading-snug",
  "[&_h4]:mt-4 [&_h4]:mb-2 [&_h4]:font-sans [&_h4]:text-lg [&_h4]:font-bold [&_h4]:leading-snug",
  "[&_strong]:font-bold",
  "[&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-8 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-8 [&_li_p]:my-0.5",
  "[&_table]:my-3 [&_table]:w-full [&_table]:table-fixed [&_table]:border-collapse",
  "[&_td]:border [&_td]:border-gray-500 [&_td]:px-2 [&_td]:py-1 [&_td]:align-top [&_td_p]:my-0",
  "[&_th]:border [&_th]:border-gray-500 [&_th]:bg-gray-100 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left [&_th]:align-top [&_th]:font-bold [&_th_p]:my-0",
  "[&_.selectedCell]:bg-blue-100",
].join(" ");

/**
 * Rich-text editor for the narrative sections of a report (TipTap). Its schema only produces
 * markup inside REPORT_HTML_ALLOWLIST; the server still sanitizes every save.
 * Alt+F10 moves from the text to the toolbar, Escape moves back.
 */
export function RichTextEditor({ id, label, initialHtml, onChange, onBlur, readOnly = false, describedBy }: RichTextEditorProps) {
  const labelId = `${id}-label`;
  const [extensions] = useState(createReportEditorExtensions);
  const toolbarRef = useRef<HTMLDivElement>(null);

  const editorProps = useMemo(
    () => ({
      attributes: {
        id,
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelId,
        "aria-readonly": readOnly ? "true" : "false",
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        class: surfaceClass,
      },
      transformPastedHTML: cleanPastedHtml,
      handleKeyDown: (_view: unknown, event: KeyboardEvent) => {
        if (!(event.altKey && event.key === "F10")) return false;
        toolbarRef.current?.querySelector<HTMLButtonElement>('button[tabindex="0"]')?.focus();
        return true;
      },
    }),
    [id, labelId, readOnly, describedBy],
  );

  const editor = useEditor({
    extensions,
    content: initialHtml,
    editable: !readOnly,
    immediatelyRender: false,
    editorProps,
    onUpdate: ({ editor: current }) => onChange(current.isEmpty ? "" : current.getHTML()),
    onBlur: () => onBlur?.(),
  });

  useEffect(() => {
    // Without emitting an update: switching to read-only is not an edit.
    if (editor && editor.isEditable === readOnly) editor.setEditable(!readOnly, false);
  }, [editor, readOnly]);

  return (
    <div className="mb-4">
      <div id={labelId} className="mb-1 block text-sm font-medium">
        {label}
      </div>
      <div className="overflow-hidden rounded border border-line bg-white focus-within:border-blue-700 focus-within:ring-1 focus-within:ring-blue-700">
        {editor && !readOnly && (
          <EditorToolbar
            ref={toolbarRef}
            editor={editor}
            label={`${label}格式工具栏`}
            controls={id}
            onEscape={() => editor.commands.focus()}
          />
        )}
        {editor ? (
          <EditorContent editor={editor} />
        ) : (
          // Server render and first client render: the editor is created after hydration.
          <div className="min-h-64 bg-white px-6 py-5 text-muted" aria-busy="true">
            正在加载编辑器…
          </div>
        )}
      </div>
    </div>
  );
}
