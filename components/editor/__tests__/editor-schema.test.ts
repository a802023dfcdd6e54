/*
 * The narrative editor's TipTap schema must only produce markup inside REPORT_HTML_ALLOWLIST.
 * Runs in node without a DOM: the editor is built headless (`element: null`), driven through
 * its own commands, and serialized with ProseMirror's DOMSerializer onto a minimal fake document
 * (what `editor.getHTML()` does with the browser's document).
 */
import { Editor, getSchema, type JSONContent } from "@tiptap/core";
import { DOMSerializer, type Node as PMNode, type Schema } from "@tiptap/pm/model";
import { afterEach, describe, expect, it } from "vitest";
import { createReportEditorExtensions } from "../editor-extensions";
import { REPORT_HEADING_LEVELS, REPORT_HTML_ALLOWLIST } from "@/lib/html/allowlist";
import { sanitizeReportHtml } from "@/lib/html/sanitize";
import { allowlistViolations, tagsIn } from "@/lib/html/__tests__/allowlist-assertions";

// ---------------------------------------------------------------------------------------------
// A fake document with just what DOMSerializer.renderSpec/serializeFragment use.

const VOID = new Set(["br"]);

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\u00a0/g, "&nbsp;");
}

class FakeText {
  readonly nodeType = 3;
  constructor(readonly text: string) {}
  toHtml(): string {
    return escapeText(this.text);
  }
}

class FakeElement {
  readonly nodeType: number = 1;
  readonly attributes = new Map<string, string>();
  readonly childNodes: (FakeElement | FakeText)[] = [];
  constructor(readonly tagName: string) {}
  setAttribute(name: string, value: unknown): void {
    this.attributes.set(name, String(value));
  }
  setAttributeNS(_ns: string, name: string, value: unknown): void {
    this.setAttribute(name, value);
  }
  appendChild<T extends FakeElement | FakeText>(child: T): T {
    if (child instanceof FakeFragment) this.childNodes.push(...child.childNodes);
    else this.childNodes.push(child);
    return child;
  }
  innerHtml(): string {
    return this.childNodes.map((child) => child.toHtml()).join("");
  }
  toHtml(): string {
    const attrs = [...this.attributes].map(([name, value]) => ` ${name}="${value.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`);
    const open = `<${this.tagName}${attrs.join("")}>`;
    return VOID.has(this.tagName) ? open : `${open}${this.innerHtml()}</${this.tagName}>`;
  }
}

class FakeFragment extends FakeElement {
  override readonly nodeType = 11;
  constructor() {
    super("#fragment");
  }
  override toHtml(): string {
    return this.innerHtml();
  }
}

const fakeDocument = {
  createElement: (tag: string) => new FakeElement(tag.toLowerCase()),
  createElementNS: (_ns: string, tag: string) => new FakeElement(tag.toLowerCase()),
  createTextNode: (text: string) => new FakeText(text),
  createDocumentFragment: () => new FakeFragment(),
};

/** The HTML `editor.getHTML()` would return for this document, without a browser. */
function toHtml(doc: PMNode, schema: Schema): string {
  const serializer = DOMSerializer.fromSchema(schema);
  const fragment = serializer.serializeFragment(doc.content, { document: fakeDocument as unknown as Document });
  return (fragment as unknown as FakeFragment).toHtml();
}

// ---------------------------------------------------------------------------------------------

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

function headlessEditor(content: JSONContent): Editor {
  const editor = new Editor({ element: null, extensions: createReportEditorExtensions(), content });
  editors.push(editor);
  return editor;
}

const text = (value: string, bold = false): JSONContent =>
  bold ? { type: "text", text: value, marks: [{ type: "bold" }] } : { type: "text", text: value };
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });

describe("narrative editor schema", () => {
  const schema = getSchema(createReportEditorExtensions());

  it("has only allowlisted node and mark types", () => {
    expect(Object.keys(schema.nodes).sort()).toEqual(
      [
        "bulletList",
        "doc",
        "hardBreak",
        "heading",
        "listItem",
        "orderedList",
        "paragraph",
        "table",
        "tableCell",
        "tableHeader",
        "tableRow",
        "text",
      ].sort(),
    );
    expect(Object.keys(schema.marks)).toEqual(["bold"]);
  });

  it("renders every node and mark type with allowlisted tags and attributes only", () => {
    const produced = new Set<string>();
    const samples: PMNode[] = [];
    const bold = schema.marks.bold!.create();
    const cell = (type: "tableCell" | "tableHeader", attrs: Record<string, unknown>) =>
      schema.nodes[type]!.create(attrs, schema.nodes.paragraph!.create(null, schema.text("格", [bold])));
    samples.push(
      schema.nodes.paragraph!.create(null, [schema.text("正文", [bold]), schema.nodes.hardBreak!.create(), schema.text("第二行")]),
      ...[1, 2, 3, 4, 5, 6].map((level) => schema.nodes.heading!.create({ level }, schema.text("标题"))),
      schema.nodes.orderedList!.create({ start: 7, type: "a" }, schema.nodes.listItem!.create(null, schema.nodes.paragraph!.create())),
      schema.nodes.bulletList!.create(null, schema.nodes.listItem!.create(null, schema.nodes.paragraph!.create())),
      schema.nodes.table!.create(null, [
        schema.nodes.tableRow!.create(null, [
          cell("tableHeader", { colspan: 2, rowspan: 1, colwidth: [120, 80] }),
          cell("tableCell", { colspan: 1, rowspan: 3, colwidth: [100] }),
        ]),
      ]),
    );
    const doc = schema.nodes.doc!.create(null, samples);
    const html = toHtml(doc, schema);
    for (const tag of tagsIn(html)) produced.add(tag);

    expect(allowlistViolations(html)).toEqual([]);
    expect([...produced].every((tag) => (REPORT_HTML_ALLOWLIST.tags as readonly string[]).includes(tag))).toBe(true);
    expect(produced).toEqual(new Set(["p", "strong", "br", "h3", "h4", "ol", "ul", "li", "table", "tbody", "tr", "th", "td"]));
    // The sanitizer leaves the editor's output alone (empty paragraphs aside, which it collapses).
    expect(sanitizeReportHtml(html)).toBe(html.replace(/<p><\/p>/g, ""));
    expect(html).toContain('<th colspan="2">');
    expect(html).toContain('<td rowspan="3">');
    expect(html).not.toMatch(/colwidth|style|start=|type=/);
  });

  it("renders headings only at the allowlist's levels", () => {
    expect(REPORT_HEADING_LEVELS).toEqual([3, 4]);
    const headings = [1, 3, 4, 6].map((level) => schema.nodes.heading!.create({ level }, schema.text(`h${level}`)));
    expect(toHtml(schema.nodes.doc!.create(null, headings), schema)).toBe("<h3>h1</h3><h3>h3</h3><h4>h4</h4><h3>h6</h3>");
  });

  it("produces only allowlisted markup through the toolbar's commands", () => {
    const editor = headlessEditor({
      type: "doc",
      content: [paragraph(text("标题")), paragraph(text("正文"), text("加粗", true)), paragraph(text("列表项")), paragraph(text("项目")), paragraph(text("表前"))],
    });
    const blockStart = (index: number) => {
      let pos = 0;
      for (let i = 0; i < index; i++) pos += editor.state.doc.child(i).nodeSize;
      return pos + 1;
    };
    expect(editor.chain().setTextSelection(blockStart(0)).toggleHeading({ level: 3 }).run()).toBe(true);
    const second = blockStart(1);
    expect(editor.chain().setTextSelection({ from: second, to: second + 2 }).toggleBold().run()).toBe(true);
    expect(editor.chain().setTextSelection(second + 4).setHardBreak().run()).toBe(true);
    expect(editor.chain().setTextSelection(blockStart(2)).toggleOrderedList().run()).toBe(true);
    expect(editor.chain().setTextSelection(blockStart(3)).toggleBulletList().run()).toBe(true);
    expect(editor.chain().setTextSelection(blockStart(4) + 2).insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()).toBe(true);
    expect(editor.chain().mergeCells().run()).toBe(false); // a single cell is selected: nothing to merge
    expect(editor.chain().insertContent({ type: "text", text: "表格内容" }).addColumnAfter().addRowAfter().run()).toBe(true);

    const html = toHtml(editor.state.doc, editor.schema);
    expect(allowlistViolations(html)).toEqual([]);
    expect(html).toContain("<h3>标题</h3>");
    expect(html).toContain("<strong>正文加粗");
    expect(html).toContain("<br>");
    expect(html).toContain("<ol><li><p>列表项</p></li></ol>");
    expect(html).toContain("<ul><li><p>项目</p></li></ul>");
    expect(html).toMatch(/<table><tbody><tr><th><p>表格内容<\/p><\/th>/);
    expect(html.match(/<tr>/g)).toHaveLength(4);
    expect(html.match(/<th>/g)).toHaveLength(4);
    expect(sanitizeReportHtml(html)).toBe(html.replace(/<p><\/p>/g, ""));

    expect(editor.can().deleteTable()).toBe(true);
    editor.commands.deleteTable();
    expect(toHtml(editor.state.doc, editor.schema)).not.toContain("<table");
  });

  it("has no commands for markup outside the allowlist", () => {
    const editor = headlessEditor({ type: "doc", content: [paragraph(text("x"))] });
    const commands = editor.commands as unknown as Record<string, unknown>;
    for (const name of ["toggleItalic", "toggleStrike", "toggleCode", "toggleCodeBlock", "toggleBlockquote", "setHorizontalRule", "setLink", "toggleUnderline"]) {
      expect(commands[name], name).toBeUndefined();
    }
  });
});
