/*
 * Cleanup of HTML pasted from Word/WPS, run by the editor's `transformPastedHTML` before
 * ProseMirror parses it. The editor schema already drops every mark and node outside the
 * allowlist; this only fixes what the schema cannot see:
 *  - Word list paragraphs (`class=MsoListParagraph…` or `mso-list:l0 level1 …`, with their
 *    「·」/「1.」 markers) become real `<ul>`/`<ol>` lists, nested by level;
 *  - conditional comments, other comments, `<o:p>`, `<xml>` and other namespaced tags go away;
 *  - h1/h2 become h3 and h5/h6 become h4 (the editor only has those two heading levels).
 * Plain string processing (no DOM), so it runs in unit tests. Never a security boundary: the
 * server sanitizes every save (lib/html/sanitize.ts).
 */

type ListType = "ul" | "ol";

interface ListItem {
  type: ListType;
  level: number;
  html: string;
}

const PARAGRAPH = /<p\b([^>]*)>([\s\S]*?)<\/p>/gi;
const LIST_PARAGRAPH_ATTRS = /\bclass\s*=\s*["']?MsoListParagraph|mso-list\s*:\s*l\d+/i;
const LEVEL = /mso-list\s*:[^;"']*\blevel(\d+)/i;

/** The marker Word writes in front of a list paragraph, in the forms Word and WPS use. */
const MARKERS = [
  /<!\[if !supportLists\]>([\s\S]*?)<!\[endif\]>/i,
  /<!--\[if !supportLists\]-->([\s\S]*?)<!--\[endif\]-->/i,
  /<span\b[^>]*mso-list\s*:\s*Ignore[^>]*>((?:[^<]|<span\b[^>]*>[^<]*<\/span>)*)<\/span>/i,
];
/** A typed marker at the start of a list paragraph that has no Word marker. */
const TEXT_MARKER =
  /^((?:\s|<[^>]+>)*)([·•●○◦▪■□◆◇►▶√✓\-–—]|[(（]\s*(?:\d{1,3}|[a-z]|[一二三四五六七八九十]{1,3})\s*[)）]|(?:\d{1,3}|[a-z]|[一二三四五六七八九十]{1,3})[.．、)）]|[\u2460-\u2473])(?:\s|&nbsp;|&#160;|\u00a0)*/i;
const ORDERED_MARKER =
  /^(?:[(（]\s*(?:\d+|[a-z]{1,4}|[一二三四五六七八九十百]+)\s*[)）]|(?:\d+|[a-z]{1,4}|[一二三四五六七八九十百]+)[.．、)）]|[\u2460-\u2473])/i;
const SPACE = /^(?:\s|&nbsp;|&#160;|\u00a0)+/i;

function markerText(markerHtml: string): string {
  return markerHtml
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;|&#160;/gi, " ")
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}

/** A Word list paragraph as a list item, or null when the paragraph is not part of a list. */
function toListItem(attrs: string, content: string): ListItem | null {
  if (!LIST_PARAGRAPH_ATTRS.test(attrs)) return null;
  const level = Math.max(1, Number(LEVEL.exec(attrs)?.[1] ?? "1"));
  for (const marker of MARKERS) {
    const match = marker.exec(content);
    if (match) {
      const type: ListType = ORDERED_MARKER.test(markerText(match[1] ?? "")) ? "ol" : "ul";
      const rest = content.slice(0, match.index) + content.slice(match.index + match[0].length);
      return { type, level, html: rest.replace(SPACE, "") };
    }
  }
  const typed = TEXT_MARKER.exec(content);
  if (!typed) return null;
  const type: ListType = ORDERED_MARKER.test(typed[2] ?? "") ? "ol" : "ul";
  return { type, level, html: (typed[1] ?? "") + content.slice(typed[0].length) };
}

/** Consecutive list items as nested lists: a deeper level opens a list inside the previous item. */
function renderList(items: readonly ListItem[]): string {
  const open: ListType[] = [];
  let html = "";
  for (const item of items) {
    const level = Math.min(item.level, open.length + 1);
    while (open.length > level) html += `</li></${open.pop()}>`;
    if (open.length === level) {
      const current = open[level - 1];
      if (current === item.type) html += "</li>";
      else {
        html += `</li></${current}><${item.type}>`;
        open[level - 1] = item.type;
      }
    } else {
      html += `<${item.type}>`;
      open.push(item.type);
    }
    html += `<li><p>${item.html}</p>`;
  }
  while (open.length > 0) html += `</li></${open.pop()}>`;
  return html;
}

/** Turns runs of Word list paragraphs (only whitespace between them) into `<ul>`/`<ol>`. */
export function convertWordLists(html: string): string {
  if (!/mso-list|MsoListParagraph/i.test(html)) return html;
  let out = "";
  let last = 0;
  let run: ListItem[] = [];
  const flush = () => {
    if (run.length > 0) out += renderList(run);
    run = [];
  };
  for (const match of html.matchAll(PARAGRAPH)) {
    const between = html.slice(last, match.index);
    const item = toListItem(match[1] ?? "", match[2] ?? "");
    if (item) {
      if (run.length === 0 || between.trim() !== "") {
        flush();
        out += between;
      }
      run.push(item);
    } else {
      flush();
      out += between + match[0];
    }
    last = match.index + match[0].length;
  }
  flush();
  return out + html.slice(last);
}

/** Removes Word-only markup: conditional and other comments, `<o:p>`, `<xml>`, namespaced tags. */
export function stripWordMarkup(html: string): string {
  return (
    html
      // Downlevel-hidden conditional comments carry Word's XML and VML: drop with content.
      .replace(/<!--\[if[^\]]*\]>[\s\S]*?<!\[endif\]-->/gi, "")
      // Downlevel-revealed markers (`<![if !supportLists]>…<![endif]>`): keep what is inside.
      .replace(/<!\[(?:if[^\]]*|endif)\]>/gi, "")
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<xml\b[\s\S]*?<\/xml>/gi, "")
      .replace(/<o:p\b[^>]*>[\s\S]*?<\/o:p>/gi, "")
      .replace(/<\/?[a-z][\w-]*:[a-z][^>]*>/gi, "")
      // Spans and fonts left empty, then paragraphs holding only (non-breaking) spaces.
      .replace(/<(span|font)\b[^>]*><\/\1>/gi, "")
      .replace(/<p\b[^>]*>(?:\s|&nbsp;|&#160;|\u00a0)*<\/p>/gi, "")
  );
}

/** Maps headings onto the editor's two levels: h1/h2 → h3, h5/h6 → h4. */
export function mapHeadingLevels(html: string): string {
  return html.replace(/<(\/?)h([1-6])(?=[\s/>])/gi, (_whole, slash: string, level: string) => {
    const mapped = Number(level) <= 3 ? 3 : 4;
    return `<${slash}h${mapped}`;
  });
}

/** The editor's `transformPastedHTML`: Word/WPS lists to real lists, Word-only markup removed. */
export function cleanPastedHtml(html: string): string {
  return mapHeadingLevels(stripWordMarkup(convertWordLists(html)));
}
