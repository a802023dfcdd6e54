/*
 * A small, forgiving HTML reader for the two kinds of HTML the Word features meet: the report's
 * sanitised narrative HTML (written into a .docx) and mammoth's output for an uploaded .docx
 * (read back into sections and tables). Both are simple, well-formed markup, so a tokenizer
 * is enough; it never executes or fetches anything. Pure: no DOM, runs anywhere.
 */

import { decodeHtmlEntities } from "../html/entities";

export interface HtmlElement {
  readonly type: "element";
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: HtmlNode[];
}

export interface HtmlText {
  readonly type: "text";
  readonly text: string;
}

export type HtmlNode = HtmlElement | HtmlText;

const VOID_TAGS: ReadonlySet<string> = new Set(["br", "img", "hr", "col", "meta", "link", "input", "wbr"]);

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const TOKEN = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s/>=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|([^<]+|<)/g;
const ATTR = /([^\s/>=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;

function parseAttrs(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const match of source.matchAll(ATTR)) {
    const name = match[1]!.toLowerCase();
    const raw = match[2] ?? "";
    const unquoted = raw.startsWith('"') || raw.startsWith("'") ? raw.slice(1, -1) : raw;
    attrs[name] = decodeHtmlEntities(unquoted);
  }
  return attrs;
}

/** Parses an HTML fragment into a tree; unknown closings are ignored, unclosed elements end with their parent. */
export function parseHtml(html: string): HtmlNode[] {
  const root: HtmlElement = { type: "element", tag: "#root", attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  for (const match of html.matchAll(TOKEN)) {
    const [whole, closing, rawTag, attrSource, selfClosing, text] = match;
    const top = stack[stack.length - 1]!;
    if (text !== undefined) {
      top.children.push({ type: "text", text: decodeHtmlEntities(text) });
      continue;
    }
    if (whole.startsWith("<!--") || !rawTag) continue;
    const tag = rawTag.toLowerCase();
    if (closing) {
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    const element: HtmlElement = { type: "element", tag, attrs: parseAttrs(attrSource ?? ""), children: [] };
    top.children.push(element);
    if (!selfClosing && !VOID_TAGS.has(tag)) stack.push(element);
  }
  return root.children;
}

/** The text inside a node (`<br>` as a line break). */
export function textOf(node: HtmlNode): string {
  if (node.type === "text") return node.text;
  if (node.tag === "br") return "\n";
  return node.children.map(textOf).join("");
}

/** Descendant elements with the given tag, in document order, not looking inside matches. */
export function findElements(nodes: readonly HtmlNode[], tag: string): HtmlElement[] {
  const out: HtmlElement[] = [];
  for (const node of nodes) {
    if (node.type !== "element") continue;
    if (node.tag === tag) out.push(node);
    else out.push(...findElements(node.children, tag));
  }
  return out;
}

/** Serialises nodes back to HTML (attributes escaped, void tags without a closing tag). */
export function serializeHtml(nodes: readonly HtmlNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === "text") return escapeHtml(node.text);
      const attrs = Object.entries(node.attrs)
        .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
        .join("");
      if (VOID_TAGS.has(node.tag)) return `<${node.tag}${attrs}>`;
      return `<${node.tag}${attrs}>${serializeHtml(node.children)}</${node.tag}>`;
    })
    .join("");
}
