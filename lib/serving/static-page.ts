/**
 * Public pages go out as plain HTML: every public page works without JavaScript (links are
 * ordinary page loads, forms are GET forms, reading preferences are links and cookies), so the
 * React runtime, the inline RSC payload and the script preloads Next.js puts into every page
 * are taken out. What stays is the markup, the stylesheets and the few bytes of progressive
 * enhancement a page carries itself (a `<script data-static-keep>`: 打印 opens the dialog).
 *
 * A page asks for this with STATIC_PAGE_MARKER (the public layout). A page that still has a
 * Suspense boundary waiting to be filled by script cannot be served without script, so it is
 * left as it is (and the unit test of the public pages catches it).
 */

/** The attribute the public layout puts on its root element. */
export const STATIC_PAGE_MARKER = "data-static-page";

const SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script>/gi;
const SCRIPT_PRELOAD = /<link\b(?=[^>]*\brel="(?:preload|modulepreload)")(?=[^>]*\bas="script"|[^>]*\brel="modulepreload")[^>]*\/?>/gi;
/** A Suspense boundary still showing its fallback (`<!--$?--><template id="B:0">`). */
const PENDING_BOUNDARY = /<!--\$\?-->/;

export function isStaticPage(html: string): boolean {
  return html.includes(` ${STATIC_PAGE_MARKER}`);
}

/** The page without Next.js's scripts, or null if it is not a static page or cannot do without them. */
export function toStaticPage(html: string): string | null {
  if (!isStaticPage(html) || PENDING_BOUNDARY.test(html)) return null;
  return html
    .replace(SCRIPT, (script) => (/^<script\b[^>]*\sdata-static-keep\b/i.test(script) || /^<script\b[^>]*type="application\/ld\+json"/i.test(script) ? script : ""))
    .replace(SCRIPT_PRELOAD, "");
}
