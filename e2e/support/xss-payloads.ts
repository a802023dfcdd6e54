/*
 * A corpus of stored-XSS payloads, shared by the sanitizer's unit test (lib/html) and the e2e
 * proof that no field reaches a page as live markup (e2e/stored-xss.spec.ts).
 *
 * Every payload, if it ever ran, calls a detectable sink with its own number: `__xss(n)` (a
 * function the e2e test exposes to every frame) or `alert(n)` (a dialog). Vectors that need a
 * click or hover (`javascript:` links, `onclick`) are caught by inspecting the DOM instead.
 * Each payload starts with a harmless marker text, `XSS-MARK-<n>`, which must still be shown.
 */

export interface XssPayload {
  /** Unique number, passed to the sink and used in the marker. */
  readonly id: number;
  /** What the payload tries. */
  readonly kind: string;
  /** The attack alone (no marker). */
  readonly vector: string;
  /** Marker text, a space, then the vector: what is sent into a field. */
  readonly text: string;
}

export const xssMarker = (id: number): string => `XSS-MARK-${id}`;

const base64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");
/** Every character as a decimal / hexadecimal HTML character reference. */
const decimalEntities = (text: string): string => [...text].map((c) => `&#${c.codePointAt(0)};`).join("");
const hexEntities = (text: string): string => [...text].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join("");
/** Every character as a JavaScript `\uXXXX` escape. */
const jsEscapes = (text: string): string => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");

/** [kind, vector builder]; the builder gets the sink call (`__xss(n)`), the number and `alert(n)`. */
type Builder = (sink: string, n: number, alert: string) => string;

const VECTORS: readonly (readonly [string, Builder])[] = [
  // Script elements
  ["script tag", (s) => `<script>${s}</script>`],
  ["script tag with alert", (_s, _n, a) => `<script>${a}</script>`],
  ["upper-case script with data: src", (s) => `<SCRIPT SRC="data:text/javascript,${s}"></SCRIPT>`],
  ["script split by a nested script", (s) => `<scr<script>ipt>${s}</scr</script>ipt>`],
  ["double open bracket", (s) => `<<script>${s}//<</script>`],
  ["JSON / inline-script breakout", (s) => `</script><script>${s}</script>`],
  ["JS string breakout", (_s, _n, a) => `";${a};//`],
  ["JS single-quote breakout", (_s, _n, a) => `'-${a}-'`],
  ["template literal", (s) => `\${${s}}\`;${s};\``],
  ["client template injection", (s) => `{{constructor.constructor('${s}')()}}`],
  // Event handlers on many elements
  ["img onerror", (s) => `<img src=x onerror=${s}>`],
  ["img onerror, quoted, alert", (_s, _n, a) => `<img src="x" onerror="${a}">`],
  ["mixed-case handler", (s) => `<IMG SRC=x OnErRoR=${s}>`],
  ["slash-separated attributes", (s) => `<img/src=x/onerror=${s}>`],
  ["backtick-quoted attribute", (s) => `<img src=\`x\` onerror=\`${s}\`>`],
  ["handler with entity-encoded body", (s) => `<img src=x onerror="${decimalEntities(s)}">`],
  ["handler with JS unicode escapes", (_s, n) => `<img src=x onerror="\\u005f\\u005fxss(${n})">`],
  ["handler with base64 eval", (s) => `<img src=x onerror="eval(atob('${base64(s)}'))">`],
  ["unclosed img tag", (s) => `<img src=x onerror=${s} `],
  ["svg onload", (s) => `<svg onload=${s}>`],
  ["svg/onload without space", (s) => `<svg/onload=${s}>`],
  ["body onload", (s) => `<body onload=${s}>`],
  ["body onpageshow", (s) => `<body onpageshow=${s}>`],
  ["input autofocus onfocus", (s) => `<input autofocus onfocus=${s}>`],
  ["select autofocus onfocus", (s) => `<select autofocus onfocus=${s}></select>`],
  ["details ontoggle", (s) => `<details open ontoggle=${s}><summary>x</summary></details>`],
  ["video source onerror", (s) => `<video><source onerror=${s}></video>`],
  ["audio onerror", (s) => `<audio src=x onerror=${s}></audio>`],
  ["marquee onstart", (s) => `<marquee onstart=${s}>x</marquee>`],
  ["div onpointerenter covering the page", (s) => `<div onpointerenter=${s} style="position:fixed;inset:0">x</div>`],
  ["paragraph onclick (allowed tag)", (s) => `<p onclick=${s}>click</p>`],
  ["strong onmouseover (allowed tag)", (s) => `<strong onmouseover=${s}>bold</strong>`],
  ["h3 onmouseover (allowed tag)", (s) => `<h3 onmouseover=${s}>heading</h3>`],
  ["li onclick (allowed tag)", (s) => `<ul><li onclick=${s}>item</li></ul>`],
  ["td handler and table background", (s) => `<table background="javascript:${s}"><tr><td onmouseover=${s}>cell</td></tr></table>`],
  ["colspan value breakout", (s) => `<table><tr><td colspan="2 onmouseover=${s}" rowspan='1"onclick="${s}'>cell</td></tr></table>`],
  ["frameset onload", (s) => `<frameset onload=${s}>`],
  ["isindex / keygen", (s) => `<isindex type=image src=1 onerror=${s}><keygen autofocus onfocus=${s}>`],
  // URLs
  ["javascript: link", (s) => `<a href="javascript:${s}">link</a>`],
  ["mixed-case javascript: link", (s) => `<a href="JaVaScRiPt:${s}">link</a>`],
  ["decimal-entity javascript: link", (s) => `<a href="${decimalEntities("javascript:")}${s}">link</a>`],
  ["hex-entity javascript: link", (s) => `<a href="${hexEntities("javascript:")}${s}">link</a>`],
  ["leading-entity javascript: link", (s) => `<a href="&#106;avascript:${s}">link</a>`],
  ["tab / newline inside javascript:", (s) => `<a href="java&#x09;scr&#x0A;ipt:${s}">link</a>`],
  ["control-character prefix and &colon;", (s) => `<a href=" &#14;  javascript&colon;${s}">link</a>`],
  ["vbscript: link", (_s, n) => `<a href="vbscript:msgbox(${n})">link</a>`],
  ["data: text/html link", (s) => `<a href="data:text/html;base64,${base64(`<script>${s}</script>`)}">link</a>`],
  ["form action javascript:", (s) => `<form action="javascript:${s}"><button>submit</button></form>`],
  ["button formaction javascript:", (s) => `<button formaction="javascript:${s}">go</button>`],
  ["base href", (s) => `<base href="javascript:${s}//">`],
  ["meta refresh", (s) => `<meta http-equiv="refresh" content="0;url=javascript:${s}">`],
  ["link stylesheet javascript:", (s) => `<link rel=stylesheet href="javascript:${s}">`],
  // Frames and plugins
  ["iframe javascript: src", (s) => `<iframe src="javascript:${s}"></iframe>`],
  ["iframe srcdoc", (s) => `<iframe srcdoc="<script>${s}</script>"></iframe>`],
  ["iframe srcdoc, entity-encoded", (s) => `<iframe srcdoc="&lt;img src=x onerror=${s}&gt;"></iframe>`],
  ["object data javascript:", (s) => `<object data="javascript:${s}"></object>`],
  ["embed data: html", (s) => `<embed src="data:text/html,<script>${s}</script>">`],
  // SVG
  ["svg script", (s) => `<svg><script>${s}</script></svg>`],
  ["svg animate onbegin", (s) => `<svg><animate onbegin=${s} attributeName=x dur=1s></animate></svg>`],
  ["svg animate href to javascript:", (s) => `<svg><a><animate attributeName=href values="javascript:${s}"/><text x=20 y=20>click</text></a></svg>`],
  ["svg set href to javascript:", (s) => `<svg><a><set attributeName=href to="javascript:${s}"/><text x=20 y=20>click</text></a></svg>`],
  ["svg foreignObject", (s) => `<svg><foreignObject><img src=x onerror=${s}></foreignObject></svg>`],
  ["svg style mXSS", (s) => `<svg><style><img src=x onerror=${s}></style></svg>`],
  ["svg use data: href", (s) => `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${s}'/></svg>#x"/></svg>`],
  // MathML
  ["MathML mglyph/style mXSS", (s) => `<math><mtext><table><mglyph><style><img src=x onerror=${s}>`],
  ["MathML namespace confusion mXSS", (s) => `<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=${s}>">`],
  ["MathML href", (s) => `<math href="javascript:${s}">click</math>`],
  ["MathML maction xlink:href", (s) => `<math><maction actiontype=statusline xlink:href="javascript:${s}">click</maction></math>`],
  // Raw-text and template elements (mutation XSS)
  ["noscript attribute breakout", (s) => `<noscript><p title="</noscript><img src=x onerror=${s}>"></noscript>`],
  ["template content", (s) => `<template><img src=x onerror=${s}></template><p>after</p>`],
  ["style element then img", (s) => `<style>p{}</style><img src=x onerror=${s}>`],
  ["style attribute breakout", (s) => `<style><img title="</style><img src=x onerror=${s}>"></style>`],
  ["textarea attribute breakout", (s) => `<textarea><img title="</textarea><img src=x onerror=${s}>"></textarea>`],
  ["title attribute breakout", (s) => `<title><img title="</title><img src=x onerror=${s}>"></title>`],
  ["xmp attribute breakout", (s) => `<xmp><img title="</xmp><img src=x onerror=${s}>"></xmp>`],
  ["noembed attribute breakout", (s) => `<noembed><img title="</noembed><img src=x onerror=${s}>"></noembed>`],
  ["select/template/style mXSS", (s) => `<select><template><style><!--</style><a rel="--></style></template></select><img src=x onerror=${s}>">`],
  // Comments and broken markup
  ["comment breakout <!-->", (s) => `<!--><img src=x onerror=${s}>-->`],
  ["comment breakout --!>", (s) => `<!-- --!><img src=x onerror=${s}>-->`],
  ["CDATA", (s) => `<![CDATA[><img src=x onerror=${s}>]]>`],
  ["processing instruction", (s) => `<?xml ><img src=x onerror=${s}>?>`],
  ["unbalanced quotes", (s) => `<p title="a><img src=x onerror=${s}>">text</p>`],
  ["nested paragraphs with unknown tag", (s) => `<p><span><p><img src=x onerror=${s}></p></span></p>`],
  // Attribute breakouts (for values that end up inside attributes)
  ['double-quote breakout "><img>', (s) => `"><img src=x onerror=${s}>`],
  ["single-quote breakout '><svg>", (s) => `'><svg onload=${s}>`],
  ["attribute injection without brackets", (s) => `" autofocus onfocus="${s}" x="`],
  // CSS
  ["style background javascript: url", (s) => `<div style="background:url(javascript:${s})">css</div>`],
  ["CSS expression", (s) => `<p style="width:expression(${s})">css</p>`],
  ["CSS behavior / binding", () => `<div style="behavior:url(x.htc);-moz-binding:url(x.xml#x)">css</div>`],
  // Encoded variants that must stay text
  ["entity-encoded script stays text", (s) => `&lt;script&gt;${s}&lt;/script&gt;`],
  ["double entity-encoded img", (s) => `&amp;lt;img src=x onerror=${s}&amp;gt;`],
  ["URL-encoded script", (s) => `%3Cscript%3E${encodeURIComponent(s)}%3C%2Fscript%3E`],
  ["JS unicode-escaped markup", (s) => jsEscapes(`<img src=x onerror=${s}>`)],
  ["full-width brackets", (s) => `＜script＞${s}＜/script＞`],
];

export const XSS_PAYLOADS: readonly XssPayload[] = VECTORS.map(([kind, build], index) => {
  const id = index + 1;
  const vector = build(`__xss(${id})`, id, `alert(${id})`);
  return { id, kind, vector, text: `${xssMarker(id)} ${vector}` };
});

/**
 * Splits the payloads' texts into groups whose joined length (with `separator`) stays within
 * `max` characters, for fields that hold a limited amount of text. A payload longer than `max`
 * on its own is left out.
 */
export function payloadGroups(max: number, separator = " "): XssPayload[][] {
  const groups: XssPayload[][] = [];
  let current: XssPayload[] = [];
  let length = 0;
  for (const payload of XSS_PAYLOADS) {
    if (payload.text.length > max) continue;
    const added = (current.length ? separator.length : 0) + payload.text.length;
    if (current.length && length + added > max) {
      groups.push(current);
      current = [];
      length = 0;
    }
    length += (current.length ? separator.length : 0) + payload.text.length;
    current.push(payload);
  }
  if (current.length) groups.push(current);
  return groups;
}

export const joinPayloads = (group: readonly XssPayload[], separator = " "): string => group.map((p) => p.text).join(separator);
