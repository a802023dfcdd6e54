"use client";

import { useEditorState, type Editor } from "@tiptap/react";
import { useRef, useState, type KeyboardEvent, type Ref } from "react";

interface ToolbarItem {
  key: string;
  label: string;
  /** Toggle state (aria-pressed); undefined for plain actions. */
  pressed?: boolean;
  disabled: boolean;
  /** Starts a new visual group. */
  groupStart?: boolean;
  run: () => void;
}

export interface EditorToolbarProps {
  editor: Editor;
  /** Accessible name of the toolbar. */
  label: string;
  /** id of the editing surface the toolbar acts on. */
  controls: string;
  /** Escape returns focus to the editing surface. */
  onEscape: () => void;
  ref?: Ref<HTMLDivElement>;
}

const buttonClass =
  "rounded border px-2.5 py-1 text-sm leading-6 transition-colors disabled:cursor-not-allowed disabled:text-gray-400 " +
  "aria-pressed:border-gov-red aria-pressed:bg-red-50 aria-pressed:font-semibold aria-pressed:text-gov-red-dark " +
  "border-transparent hover:border-line hover:bg-white";

/**
 * The formatting toolbar: a WAI-ARIA toolbar with one tab stop; arrow keys, Home and End
 * move between buttons. Toggles carry aria-pressed.
 */
export function EditorToolbar({ editor, label, controls, onEscape, ref }: EditorToolbarProps) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      paragraph: e.isActive("paragraph"),
      h3: e.isActive("heading", { level: 3 }),
      h4: e.isActive("heading", { level: 4 }),
      bold: e.isActive("bold"),
      canBold: e.can().toggleBold(),
      orderedList: e.isActive("orderedList"),
      bulletList: e.isActive("bulletList"),
      inTable: e.isActive("table"),
      canDeleteTable: e.can().deleteTable(),
    }),
  });
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const chain = () => editor.chain().focus();
  const items: ToolbarItem[] = [
    { key: "paragraph", label: "正文", pressed: state.paragraph, disabled: false, run: () => chain().setParagraph().run() },
    {
      key: "h3",
      label: "一级标题",
      pressed: state.h3,
      disabled: false,
      run: () => chain().toggleHeading({ level: 3 }).run(),
    },
    {
      key: "h4",
      label: "二级标题",
      pressed: state.h4,
      disabled: false,
      run: () => chain().toggleHeading({ level: 4 }).run(),
    },
    {
      key: "bold",
      label: "加粗",
      pressed: state.bold,
      disabled: !state.canBold,
      groupStart: true,
      run: () => chain().toggleBold().run(),
    },
    {
      key: "orderedList",
      label: "编号列表",
      pressed: state.orderedList,
      disabled: false,
      groupStart: true,
      run: () => chain().toggleOrderedList().run(),
    },
    {
      key: "bulletList",
      label: "项目符号列表",
      pressed: state.bulletList,
      disabled: false,
      run: () => chain().toggleBulletList().run(),
    },
    {
      key: "insertTable",
      label: "插入表格",
      disabled: state.inTable,
      groupStart: true,
      run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    },
    { key: "deleteTable", label: "删除表格", disabled: !state.canDeleteTable, run: () => chain().deleteTable().run() },
  ];

  const enabled = items.map((item) => !item.disabled);
  const tabStop = enabled[focusIndex] ? focusIndex : Math.max(0, enabled.indexOf(true));

  function moveFocus(from: number, step: 1 | -1) {
    for (let n = 1, i = from; n <= items.length; n++) {
      i = (i + step + items.length) % items.length;
      if (enabled[i]) {
        setFocusIndex(i);
        buttons.current[i]?.focus();
        return;
      }
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const handled: Record<string, () => void> = {
      ArrowRight: () => moveFocus(tabStop, 1),
      ArrowLeft: () => moveFocus(tabStop, -1),
      Home: () => moveFocus(items.length - 1, 1),
      End: () => moveFocus(0, -1),
      Escape: onEscape,
    };
    const action = handled[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label={label}
      aria-controls={controls}
      onKeyDown={onKeyDown}
      className="flex flex-wrap items-center gap-1 border-b border-line bg-gray-50 px-2 py-1.5"
    >
      {items.map((item, index) => (
        <span key={item.key} className="contents">
          {item.groupStart && <span aria-hidden="true" className="mx-1 h-5 w-px bg-line" />}
          <button
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            tabIndex={index === tabStop ? 0 : -1}
            aria-pressed={item.pressed}
            disabled={item.disabled}
            className={buttonClass}
            // Keep the caret in the document: the command refocuses the editor anyway.
            onMouseDown={(event) => event.preventDefault()}
            onFocus={() => setFocusIndex(index)}
            onClick={item.run}
          >
            {item.label}
          </button>
        </span>
      ))}
    </div>
  );
}
