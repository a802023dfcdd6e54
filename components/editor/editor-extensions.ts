/*
 * The TipTap schema of the narrative editor, limited to REPORT_HTML_ALLOWLIST
 * (lib/html/allowlist.ts): paragraphs, h3/h4, bold, ordered and bullet lists, simple tables
 * and line breaks. No React here, so tests can build a headless editor from it.
 */
import { Node, wrappingInputRule, type Attribute, type Extensions } from "@tiptap/core";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { REPORT_HEADING_LEVELS, parseCellSpan } from "@/lib/html/allowlist";

/**
 * Ordered list without `start`/`type` attributes (the allowlist has none on `ol`); replaces
 * StarterKit's, whose renderHTML always writes them when they differ from the defaults.
 */
const ReportOrderedList = Node.create({
  name: "orderedList",
  group: "block list",
  content: "listItem+",
  parseHTML() {
    return [{ tag: "ol" }];
  },
  renderHTML() {
    return ["ol", 0];
  },
  addCommands() {
    return {
      toggleOrderedList:
        () =>
        ({ commands }) =>
          commands.toggleList(this.name, "listItem"),
    };
  },
  addKeyboardShortcuts() {
    return { "Mod-Shift-7": () => this.editor.commands.toggleOrderedList() };
  },
  addInputRules() {
    return [wrappingInputRule({ find: /^1[.．、]\s$/, type: this.type })];
  },
});

function spanAttribute(name: "colspan" | "rowspan"): Attribute {
  return {
    default: 1,
    parseHTML: (element) => parseCellSpan(element.getAttribute(name)) ?? 1,
    renderHTML: (attributes) => {
      const span = Number(attributes[name]);
      return Number.isInteger(span) && span > 1 ? { [name]: span } : {};
    },
  };
}

/**
 * Cell attributes: spans only. `colwidth` stays in the schema (prosemirror-tables reads it)
 * but is never parsed nor rendered; alignment and other styling are dropped.
 */
function cellAttributes(): Record<string, Attribute> {
  return {
    colspan: spanAttribute("colspan"),
    rowspan: spanAttribute("rowspan"),
    colwidth: { default: null, parseHTML: () => null, rendered: false },
  };
}

const ReportTableCell = TableCell.extend({ addAttributes: cellAttributes });
const ReportTableHeader = TableHeader.extend({ addAttributes: cellAttributes });

/** Table rendered as plain `<table><tbody>…` (no colgroup, no width style). */
const ReportTable = Table.extend({
  renderHTML() {
    return ["table", ["tbody", 0]];
  },
}).configure({ resizable: false, View: null, allowTableNodeSelection: false });

/** Extensions of the narrative editor. A new array each call (extensions hold per-editor state). */
export function createReportEditorExtensions(): Extensions {
  return [
    StarterKit.configure({
      blockquote: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      italic: false,
      link: false,
      strike: false,
      underline: false,
      orderedList: false,
      heading: { levels: [...REPORT_HEADING_LEVELS] },
    }),
    ReportOrderedList,
    ReportTable,
    TableRow,
    ReportTableHeader,
    ReportTableCell,
  ];
}
