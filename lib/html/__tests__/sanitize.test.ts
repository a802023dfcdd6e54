import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REPORT_HTML_ALLOWLIST } from "../allowlist";
import { htmlToPlainText, sanitizeReportHtml } from "../sanitize";
import { allowlistViolations } from "./allowlist-assertions";

/** Wraps table parts in a table so the event handler sits on a real cell/row/section. */
function inContext(tag: string, attrs: string): string {
  const open = `<${tag} ${attrs}>`;
  switch (tag) {
    case "br":
      return `<p>a${open}b</p>`;
    case "li":
      return `<ul>${open}x</li></ul>`;
    case "td":
    case "th":
      return `<table><tbody><tr>${open}x</${tag}></tr></tbody></table>`;
    case "tr":
      return `<table><tbody>${open}<td>x</td></tr></tbody></table>`;
    case "thead":
    case "tbody":
      return `<table>${open}<tr><td>x</td></tr></${tag}></table>`;
    case "table":
      return `${open}<tr><td>x</td></tr></table>`;
    default:
      return `${open}x</${tag}>`;
  }
}

const EVENT_HANDLERS_ON_ALLOWED_TAGS = REPORT_HTML_ALLOWLIST.tags.map((tag) =>
  inContext(tag, `onclick="alert(1)" ONMOUSEOVER=alert(2) onfocus='alert(3)' tabindex=0 autofocus`),
);
const JAVASCRIPT_IN_ATTRIBUTES_OF_ALLOWED_TAGS = REPORT_HTML_ALLOWLIST.tags.map((tag) =>
  inContext(tag, `title="javascript:alert(1)" data-x="data:text/html,<script>alert(1)</script>" background="javascript:alert(1)" style="x:expression(alert(1))"`),
);

const XSS_PAYLOADS: readonly string[] = [
  // Script elements
  `<script>alert(1)</script>`,
  `<SCRIPT SRC=//evil.example/x.js></SCRIPT>`,
  `<ScRiPt>alert(1)</sCrIpT>`,
  `<scr<script>ipt>alert(1)</scr</script>ipt>`,
  `<<script>alert(1);//<</script>`,
  `<script>document.write("<img src=x onerror=alert(1)>")</script>`,
  `<p>before<script>alert(1)</script>after</p>`,
  `<script/xss src="data:text/javascript,alert(1)"></script>`,
  // Event handlers outside the allowlist
  `<img src=x onerror=alert(1)>`,
  `<IMG SRC=x OnErRoR=alert(1)>`,
  `<body onload=alert(1)>`,
  `<input onfocus=alert(1) autofocus>`,
  `<details open ontoggle=alert(1)>`,
  `<video><source onerror=alert(1)></video>`,
  `<marquee onstart=alert(1)>x</marquee>`,
  `<isindex type=image src=1 onerror=alert(1)>`,
  `<strong/onmouseover=alert(1)>x</strong>`,
  `<h1 onclick=alert(1)>t</h1><b onmouseover=alert(1)>b</b><div onclick=alert(1)>d</div>`,
  // javascript: and data: URLs
  `<a href="javascript:alert(1)">x</a>`,
  `<a href="JaVaScRiPt:alert(1)">x</a>`,
  `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>`,
  `<a href="&#x6A;avascript&colon;alert(1)">x</a>`,
  `<a href="java\tscript:alert(1)">x</a>`,
  `<a href=" &#14; javascript:alert(1)">x</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
  `<a href="vbscript:msgbox(1)">x</a>`,
  `<table background="javascript:alert(1)"><tr><td background="javascript:alert(1)">x</td></tr></table>`,
  `<td colspan="2 onmouseover=alert(1)">x</td>`,
  `<table><tr><td rowspan="&quot; onmouseover=&quot;alert(1)">x</td></tr></table>`,
  `<p """><script>alert(1)</script>">`,
  // SVG / MathML
  `<svg onload=alert(1)>`,
  `<svg><script>alert(1)</script></svg>`,
  `<svg><a xlink:href="javascript:alert(1)"><text x="0" y="20">x</text></a></svg>`,
  `<svg><animate onbegin=alert(1) attributeName=x dur=1s>`,
  `<math href="javascript:alert(1)">click</math>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
  // Mutation XSS
  `<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
  `<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">`,
  `<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>`,
  `<math><mi><table><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=alert(1) src=1>">`,
  `<xmp><p title="</xmp><img src=x onerror=alert(1)>">`,
  `<noembed><img title="</noembed><img src onerror=alert(1)>"></noembed>`,
  `<template><script>alert(1)</script></template>`,
  `<textarea><script>alert(1)</script></textarea>`,
  `<title><script>alert(1)</script></title>`,
  `<select><option><script>alert(1)</script></option></select>`,
  // Broken / unclosed markup
  `<img src=x onerror=alert(1)`,
  `<p onclick="alert(1)"`,
  `<p><strong>unclosed <h3>heading`,
  `</p></strong><td>stray</table>`,
  `<p title="a>b" onclick=alert(1)>x`,
  // CSS
  `<style>body{background:url("javascript:alert(1)")}</style>`,
  `<style>@import "//evil.example/x.css";</style><p>x</p>`,
  `<p style="width: expression(alert(1))">x</p>`,
  `<div style="background-image: url(javascript:alert(1))">x</div>`,
  `<link rel=stylesheet href="javascript:alert(1)">`,
  // Frames and document-level elements
  `<iframe src="javascript:alert(1)"></iframe>`,
  `<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
  `<IFRAME SRCDOC="&lt;img src=x onerror=alert(1)&gt;"></IFRAME>`,
  `<base href="javascript:alert(1)//">`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
  `<object data="javascript:alert(1)"></object>`,
  `<embed src="data:text/html,<script>alert(1)</script>">`,
  `<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>`,
  `<input type=image formaction=javascript:alert(1) src=x>`,
  // Comments and encodings
  `<!--<script>alert(1)</script>-->`,
  `<!--[if gte IE 4]><script>alert(1)</script><![endif]-->`,
  `<![CDATA[<script>alert(1)</script>]]>`,
  `&lt;script&gt;alert(1)&lt;/script&gt;`,
  `<p>&#60;script&#62;alert(1)&#60;/script&#62;</p>`,
  `<p>&#x3C;img src=x onerror=alert(1)&#x3E;</p>`,
  ...EVENT_HANDLERS_ON_ALLOWED_TAGS,
  ...JAVASCRIPT_IN_ATTRIBUTES_OF_ALLOWED_TAGS,
];

function expectSafe(output: string): void {
  expect(output).not.toMatch(/<script/i);
  expect(output).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  expect(output).not.toMatch(/javascript:/i);
  expect(output).not.toMatch(/data:/i);
  expect(output).not.toMatch(/style=/i);
  expect(output).not.toMatch(/<svg/i);
  expect(output).not.toMatch(/<math/i);
  expect(output).not.toMatch(/<img/i);
  expect(output).not.toMatch(/<iframe/i);
  expect(allowlistViolations(output)).toEqual([]);
}

describe("sanitizeReportHtml: XSS corpus", () => {
  it("has at least 40 payloads", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(XSS_PAYLOADS)("neutralizes %s", (payload) => {
    const once = sanitizeReportHtml(payload);
    expectSafe(once);
    expect(sanitizeReportHtml(once)).toBe(once);
  });

  it("keeps the harmless text around dropped elements", () => {
    expect(sanitizeReportHtml(`<p>before<script>alert(1)</script>after</p>`)).toBe("<p>beforeafter</p>");
    expect(sanitizeReportHtml(`<a href="javascript:alert(1)">链接文字</a>`)).toBe("链接文字");
    expect(sanitizeReportHtml(`<p>&#60;script&#62;</p>`)).toBe("<p>&lt;script&gt;</p>");
  });

  it("drops event handlers but keeps the allowed element", () => {
    expect(sanitizeReportHtml(`<p onclick="alert(1)">文字</p>`)).toBe("<p>文字</p>");
    expect(sanitizeReportHtml(`<table><tr><td colspan="2" onclick="x()">a</td></tr></table>`)).toBe(
      `<table><tr><td colspan="2">a</td></tr></table>`,
    );
  });
});

describe("sanitizeReportHtml: structure", () => {
  it("passes allowed markup through unchanged", () => {
    const allowed = [
      "<p>一、总体情况</p>",
      "<h3>（一）主动公开</h3><h4>1. 政策文件</h4><p>本年度<strong>主动公开</strong>政府信息 128 条。</p>",
      "<p>第一行<br>第二行</p>",
      "<ol><li><p>第一项</p></li><li><p>第二项</p><ul><li><p>子项</p></li></ul></li></ol>",
      "<ul><li>直接文字</li></ul>",
      '<table><thead><tr><th colspan="2">类别</th></tr></thead><tbody><tr><td rowspan="2">甲</td><td>1</td></tr><tr><td>2</td></tr></tbody></table>',
      "<table><tbody><tr><th><p>项目</p></th><td><p>数量</p></td></tr></tbody></table>",
      "<p>A &amp; B &lt; C &gt; D \"引号\"</p>",
      "纯文本",
    ];
    for (const html of allowed) expect(sanitizeReportHtml(html)).toBe(html);
  });

  it("unwraps disallowed inline tags and keeps their text", () => {
    expect(sanitizeReportHtml(`<span style="color:red">文字</span>`)).toBe("文字");
    expect(sanitizeReportHtml(`<p><em>强</em><i>调</i><u>下</u><font color=red>划</font><a href="/x">线</a></p>`)).toBe(
      "<p>强调下划线</p>",
    );
    expect(sanitizeReportHtml(`<p><b>加粗</b></p>`)).toBe("<p><strong>加粗</strong></p>");
  });

  it("maps headings onto h3/h4", () => {
    expect(sanitizeReportHtml("<h1>一</h1><h2>二</h2><h3>三</h3><h4>四</h4><h5>五</h5><h6>六</h6>")).toBe(
      "<h3>一</h3><h3>二</h3><h3>三</h3><h4>四</h4><h4>五</h4><h4>六</h4>",
    );
  });

  it("turns inline-only divs into paragraphs and unwraps container divs", () => {
    expect(sanitizeReportHtml("<div>段落<strong>一</strong></div><div>段落二</div>")).toBe(
      "<p>段落<strong>一</strong></p><p>段落二</p>",
    );
    expect(sanitizeReportHtml("<div><p>甲</p><p>乙</p></div>")).toBe("<p>甲</p><p>乙</p>");
    expect(sanitizeReportHtml("<div><div>甲</div><table><tr><td>乙</td></tr></table></div>")).toBe(
      "<p>甲</p><table><tr><td>乙</td></tr></table>",
    );
    expect(sanitizeReportHtml("<h2><div>标题</div></h2>")).toBe("<h3>标题</h3>");
    expect(sanitizeReportHtml("<table><tr><td><div>格</div></td></tr></table>")).toBe(
      "<table><tr><td><p>格</p></td></tr></table>",
    );
  });

  it("collapses empty paragraphs, headings and bold runs", () => {
    expect(sanitizeReportHtml("<p></p><p> </p><p>&nbsp;</p><p>\u3000</p><p><br></p><p><span></span></p><h3></h3><div> </div>")).toBe("");
    expect(sanitizeReportHtml("<p>甲<strong></strong>乙</p><p></p><p>丙</p>")).toBe("<p>甲乙</p><p>丙</p>");
    // Empty table cells stay: the table structure matters.
    expect(sanitizeReportHtml("<table><tr><td></td><td><p></p></td></tr></table>")).toBe(
      "<table><tr><td></td><td></td></tr></table>",
    );
  });

  it("keeps only positive colspan/rowspan up to 50", () => {
    const cells = [`colspan="0"`, `colspan="-1"`, `colspan="51"`, `colspan="2.5"`, `colspan="2x"`, `rowspan=""`, `colspan=" 3 "`, `rowspan="50"`];
    const html = `<table><tr>${cells.map((a) => `<td ${a}>x</td>`).join("")}</tr></table>`;
    expect(sanitizeReportHtml(html)).toBe(
      `<table><tr>${["", "", "", "", "", "", ` colspan="3"`, ` rowspan="50"`].map((a) => `<td${a}>x</td>`).join("")}</tr></table>`,
    );
  });

  it("reaches a fixed point when unwrapping changes how elements nest", () => {
    const cases = [
      "<p>a<span><p>b</span></p>",
      "<ul><li>a<span><li>b</span></li></ul>",
      "<table><tr><th>a<font><th>b</font></th></tr></table>",
      "<p>x" + "<span><p>y".repeat(30),
      "<li>" + "<em><li>z".repeat(30),
    ];
    for (const html of cases) {
      const once = sanitizeReportHtml(html);
      expect(sanitizeReportHtml(once), html).toBe(once);
      expect(allowlistViolations(once)).toEqual([]);
    }
  });

  it("drops the content of script-like elements entirely", () => {
    // `embed` is a void element: it has no content to drop.
    for (const tag of REPORT_HTML_ALLOWLIST.droppedWithContent.filter((t) => t !== "embed")) {
      expect(sanitizeReportHtml(`<p>甲</p><${tag}>机密<p>乙</p></${tag}><p>丙</p>`), tag).toBe("<p>甲</p><p>丙</p>");
    }
  });

  it.each(["svg", "script", "textarea", "style", "xmp", "math"])("keeps the text after an unclosed <%s> (issue 12)", (tag) => {
    const once = sanitizeReportHtml(`<p>开头</p><${tag} onload=alert(1)><p>正常文字</p><p>第二段</p>`);
    expect(once).toContain("<p>开头</p>");
    expect(once).toContain("<p>正常文字</p><p>第二段</p>");
    expectSafe(once);
    expect(once).not.toMatch(new RegExp(`<${tag}|onload`, "i"));
    expect(sanitizeReportHtml(once)).toBe(once);
  });

  it("keeps the text after an unclosed dropped element while closed ones still lose their content", () => {
    expect(sanitizeReportHtml(`<svg onload=alert(1)><p>正常文字</p>`)).toBe("<p>正常文字</p>");
    expect(sanitizeReportHtml(`<p>甲</p><svg>图</svg><svg><p>乙</p>`)).toBe("<p>甲</p><p>乙</p>");
    expect(sanitizeReportHtml(`<p>甲<script>alert(1)</script></p><SCRIPT src=x>`)).toBe("<p>甲</p>");
    expect(sanitizeReportHtml(`<math><svg><p>深处的文字</p>`)).toBe("<p>深处的文字</p>");
  });

  it("cleans Word/WPS HTML down to paragraphs, bold, lists and tables", () => {
    const word = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15">
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]-->
<style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm; font-size:10.5pt;} --></style></head>
<body lang=ZH-CN style='tab-interval:21.0pt'>
<!--StartFragment-->
<h1 style='mso-outline-level:1'><span style='font-family:黑体'>一、总体情况</span><span lang=EN-US><o:p></o:p></span></h1>
<p class=MsoNormal style='text-indent:21.0pt;mso-char-indent-count:2.0'><span style='font-family:仿宋_GB2312;mso-ascii-font-family:"Times New Roman"'>本年度，我镇<b>主动公开</b>政府信息<span lang=EN-US>128</span>条。<span lang=EN-US><o:p></o:p></span></span></p>
<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span style='font-family:仿宋'>政策解读<span lang=EN-US><o:p></o:p></span></span></p>
<ul style='margin-top:0cm' type=disc><li class=MsoNormal style='mso-list:l1 level1 lfo2'>网站栏目</li></ul>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none;mso-yfti-tbllook:1184'>
<tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'><td width=277 valign=top style='width:207.4pt;border:solid windowtext 1.0pt'><p class=MsoNormal><b><span style='font-family:宋体'>项目</span></b></p></td>
<td width=277 colspan=2 valign=top style='width:207.4pt'><p class=MsoNormal><span lang=EN-US>数量<o:p></o:p></span></p></td></tr>
</table>
<p class=MsoNormal><!--[if gte vml 1]><v:shape id="_x0000_i1025" type="#_x0000_t75"><v:imagedata src="file:///C:/x.png" o:title=""/></v:shape><![endif]--><![if !vml]><img width=10 height=10 src="file:///C:/x.png" v:shapes="_x0000_i1025"><![endif]>图后文字</p>
<!--EndFragment-->
</body></html>`;
    const out = sanitizeReportHtml(word);
    expectSafe(out);
    expect(sanitizeReportHtml(out)).toBe(out);
    expect(out.replace(/\s*\n\s*/g, "")).toBe(
      "<h3>一、总体情况</h3>" +
        "<p>本年度，我镇<strong>主动公开</strong>政府信息128条。</p>" +
        "<p>·\u00a0\u00a0\u00a0 政策解读</p>" +
        "<ul><li>网站栏目</li></ul>" +
        '<table><tr><td><p><strong>项目</strong></p></td><td colspan="2"><p>数量</p></td></tr></table>' +
        "<p>图后文字</p>",
    );
    expect(out).not.toMatch(/Mso|mso-|o:p|<!--|xml|class=|lang=/);
  });
});

describe("htmlToPlainText", () => {
  it("puts blocks on their own lines and decodes entities", () => {
    expect(htmlToPlainText("<h3>标题</h3><p>甲&amp;乙&nbsp;丙<br>第二行</p><ul><li>一</li><li>二</li></ul>")).toBe(
      "标题\n甲&乙 丙\n第二行\n一\n二",
    );
    expect(htmlToPlainText("<table><tr><th>项目</th><td>3</td></tr></table>")).toBe("项目\n3");
  });

  it("never includes script or style content nor comments", () => {
    expect(htmlToPlainText("<p>甲</p><script>var a = 1 < 2;</script><style>p{}</style><!-- 备注 --><p>乙</p>")).toBe("甲\n乙");
  });
});

describe("sanitizeReportHtml: properties", () => {
  const tagNames = [
    ...REPORT_HTML_ALLOWLIST.tags,
    ...REPORT_HTML_ALLOWLIST.droppedWithContent,
    "b", "div", "span", "a", "img", "h1", "h2", "h5", "em", "o:p", "form", "button", "base", "meta", "font", "plaintext", "listing",
  ];
  const attributes = [
    `onclick="alert(1)"`, `onerror=alert(1)`, `style="color:red"`, `href="javascript:alert(1)"`, `src="data:text/html,x"`,
    `colspan="2"`, `rowspan=3`, `colspan="99"`, `class="MsoNormal"`, `title='"><img src=x onerror=alert(1)>'`, `srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"`,
  ];
  const fragment = fc.oneof(
    fc.constantFrom(...tagNames).chain((tag) =>
      fc.tuple(fc.boolean(), fc.subarray(attributes, { maxLength: 3 })).map(
        ([closing, attrs]) => (closing ? `</${tag}>` : `<${tag}${attrs.map((a) => ` ${a}`).join("")}>`),
      ),
    ),
    fc.constantFrom("文字", " ", "&nbsp;", "&lt;", "&amp;", "<!-- c -->", "<![endif]>", "<!--[if mso]>", "\"", "'", "<", ">", "javascript:"),
    fc.string({ maxLength: 6 }),
  );
  const soup = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(""));

  it("output of random tag soup stays inside the allowlist and is a fixed point", () => {
    fc.assert(
      fc.property(soup, (html) => {
        const once = sanitizeReportHtml(html);
        expect(allowlistViolations(once)).toEqual([]);
        expect(once).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
        expect(sanitizeReportHtml(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
