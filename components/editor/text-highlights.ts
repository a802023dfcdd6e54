/*
 * Marks sentences named by text findings (X-1 …) inside the rich-text editor without touching
 * its document: the CSS Custom Highlight API paints ranges over the editor's DOM, so the
 * clerk's text, undo history and autosave are unaffected. Browsers without the API simply
 * show no marks (the findings list still quotes the sentence).
 */

const BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, td, th, blockquote";

/** Full-width digits to ASCII and whitespace runs to one space, one character for one (positions kept). */
function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xfee0);
  return /[\s\u3000]/.test(ch) ? " " : ch;
}

const fold = (text: string): string => Array.from(text, foldChar).join("").replace(/ +/g, " ").trim();

/** The range of `excerpt` inside one block element, or null. */
function rangeIn(block: Element, excerpt: string): Range | null {
  const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  const chars: { node: Text; offset: number }[] = [];
  let text = "";
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const value = node.data;
    for (let i = 0; i < value.length; i++) {
      const ch = foldChar(value[i]!);
      // Collapse whitespace runs as htmlToParagraphs does.
      if (ch === " " && (text.length === 0 || text.endsWith(" "))) continue;
      text += ch;
      chars.push({ node, offset: i });
    }
  }
  const at = text.indexOf(fold(excerpt));
  if (at < 0 || excerpt.trim() === "") return null;
  const last = chars[at + fold(excerpt).length - 1]!;
  const range = block.ownerDocument.createRange();
  range.setStart(chars[at]!.node, chars[at]!.offset);
  range.setEnd(last.node, last.offset + 1);
  return range;
}

/** Ranges of the excerpts found in the editor's blocks (each excerpt once, its first occurrence). */
export function findExcerpts(root: HTMLElement, excerpts: readonly string[]): Range[] {
  const blocks = Array.from(root.querySelectorAll(BLOCKS)).filter((b) => !b.querySelector(BLOCKS));
  const ranges: Range[] = [];
  for (const excerpt of excerpts) {
    for (const block of blocks) {
      const range = rangeIn(block, excerpt);
      if (range) {
        ranges.push(range);
        break;
      }
    }
  }
  return ranges;
}

const HIGHLIGHT = "nb-finding";

interface HighlightRegistry {
  set(name: string, highlight: unknown): void;
  delete(name: string): void;
}

function registry(): { registry: HighlightRegistry; Highlight: new (...ranges: Range[]) => unknown } | null {
  const css = (globalThis as { CSS?: { highlights?: HighlightRegistry } }).CSS;
  const Highlight = (globalThis as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
  return css?.highlights && Highlight ? { registry: css.highlights, Highlight } : null;
}

/** Paints the excerpts in the element with id `editorId` (replacing earlier marks); returns how many were found. */
export function highlightExcerpts(editorId: string, excerpts: readonly string[]): number {
  const api = registry();
  const root = document.getElementById(editorId);
  if (!api || !root) return 0;
  const ranges = findExcerpts(root, excerpts);
  if (ranges.length === 0) api.registry.delete(HIGHLIGHT);
  else api.registry.set(HIGHLIGHT, new api.Highlight(...ranges));
  return ranges.length;
}

/** Selects the excerpt in the editor and scrolls to it, so the clerk lands on the sentence. */
export function selectExcerpt(editorId: string, excerpt: string): boolean {
  const root = document.getElementById(editorId);
  const [range] = root ? findExcerpts(root, [excerpt]) : [];
  if (!root || !range) return false;
  root.focus();
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  range.startContainer.parentElement?.scrollIntoView({ block: "center" });
  return true;
}
