import { describe, expect, it } from "vitest";
import { cleanPastedHtml, convertWordLists, mapHeadingLevels, stripWordMarkup } from "../paste-cleanup";
import { sanitizeReportHtml } from "@/lib/html/sanitize";

/** A Word list paragraph the way Word puts it on the clipboard. */
function wordItem(marker: string, text: string, { level = 1, list = 0, cls = "MsoListParagraphCxSpMiddle" } = {}): string {
  return (
    `<p class=${cls} style='margin-left:${18 * level}.0pt;text-indent:-18.0pt;mso-list:l${list} level${level} lfo1'>` +
    `<![if !supportLists]><span lang=EN-US style='font-family:Symbol'><span style='mso-list:Ignore'>${marker}` +
    `<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>` +
    `<span style='font-family:仿宋'>${text}<span lang=EN-US><o:p></o:p></span></span></p>\n`
  );
}

/** What is left once the schema drops spans (the server sanitizer stands in for it here). */
const settle = (html: string) => sanitizeReportHtml(cleanPastedHtml(html)).replace(/\n/g, "");

describe("paste cleanup (Word/WPS)", () => {
  it("turns bullet list paragraphs into a bullet list", () => {
    const html = `<p class=MsoNormal>前文</p>\n` + wordItem("·", "政策解读") + wordItem("·", "依申请公开") + `<p class=MsoNormal>后文</p>`;
    expect(settle(html)).toBe("<p>前文</p><ul><li><p>政策解读</p></li><li><p>依申请公开</p></li></ul><p>后文</p>");
  });

  it("turns numbered list paragraphs into an ordered list", () => {
    const html = wordItem("1.", "第一项") + wordItem("2.", "第二项") + wordItem("（三）", "第三项");
    expect(settle(html)).toBe("<ol><li><p>第一项</p></li><li><p>第二项</p></li><li><p>第三项</p></li></ol>");
  });

  it("recognizes Wingdings and Courier bullets as bullets", () => {
    const html = wordItem("Ø", "甲") + wordItem("§", "乙") + wordItem("l", "丙") + wordItem("o", "丁");
    expect(settle(html)).toBe("<ul><li><p>甲</p></li><li><p>乙</p></li><li><p>丙</p></li><li><p>丁</p></li></ul>");
  });

  it("nests deeper levels inside the previous item and switches list type", () => {
    const html =
      wordItem("1.", "一", { cls: "MsoListParagraphCxSpFirst" }) +
      wordItem("·", "一之一", { level: 2 }) +
      wordItem("·", "一之二", { level: 2 }) +
      wordItem("2.", "二") +
      wordItem("·", "符号", { cls: "MsoListParagraphCxSpLast" });
    const lists = convertWordLists(html)
      .trim()
      .replace(/<p>([^]*?)<\/p>/g, (_whole, inner: string) => `<p>${inner.replace(/<[^>]+>/g, "")}</p>`);
    expect(lists).toBe(
      "<ol><li><p>一</p><ul><li><p>一之一</p></li><li><p>一之二</p></li></ul></li><li><p>二</p></li></ol><ul><li><p>符号</p></li></ul>",
    );
  });

  it("ends a list at any non-list content and handles lists in table cells", () => {
    const html = `<table><tr><td>${wordItem("·", "甲")}</td><td>${wordItem("·", "乙")}</td></tr></table>`;
    expect(settle(html)).toBe("<table><tr><td><ul><li><p>甲</p></li></ul></td><td><ul><li><p>乙</p></li></ul></td></tr></table>");
  });

  it("reads the comment form of the list marker", () => {
    const html =
      `<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><!--[if !supportLists]--><span>1.&nbsp;&nbsp;</span><!--[endif]-->第一</p>` +
      `<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><!--[if !supportLists]--><span>2.&nbsp;&nbsp;</span><!--[endif]-->第二</p>`;
    expect(settle(html)).toBe("<ol><li><p>第一</p></li><li><p>第二</p></li></ol>");
  });

  it("reads typed markers of list paragraphs without Word markers (WPS)", () => {
    const html = `<p class="MsoListParagraph"><span>1、</span>加强领导</p><p class="MsoListParagraph"><span>2、</span>完善制度</p>`;
    expect(settle(html)).toBe("<ol><li><p>加强领导</p></li><li><p>完善制度</p></li></ol>");
  });

  it("leaves ordinary paragraphs alone, even when they start with a number", () => {
    const html = `<p class=MsoNormal>1. 这是正文里的编号，不是列表</p>`;
    expect(convertWordLists(html)).toBe(html);
    expect(settle(html)).toBe("<p>1. 这是正文里的编号，不是列表</p>");
  });

  it("strips conditional comments, o:p, xml and namespaced tags", () => {
    const html =
      `<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->` +
      `<!--StartFragment--><p class=MsoNormal><span lang=EN-US>正文<o:p></o:p></span></p>` +
      `<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>` +
      `<p class=MsoNormal><![if !vml]>图<![endif]><st1:chsdate Year="2023" Month="1" Day="1">2023年1月1日</st1:chsdate></p><!--EndFragment-->`;
    expect(stripWordMarkup(html)).toBe(`<p class=MsoNormal><span lang=EN-US>正文</span></p><p class=MsoNormal>图2023年1月1日</p>`);
  });

  it("maps heading levels to h3/h4", () => {
    expect(mapHeadingLevels(`<h1 class=x>一</h1><H2>二</H2><h3>三</h3><h4>四</h4><h5>五</h5><h6>六</h6><header>页眉</header>`)).toBe(
      `<h3 class=x>一</h3><h3>二</h3><h3>三</h3><h4>四</h4><h4>五</h4><h4>六</h4><header>页眉</header>`,
    );
  });

  it("keeps paragraphs, bold and tables of a Word document", () => {
    const html =
      `<html><head><style>p.MsoNormal{margin:0}</style></head><body>` +
      `<h1><span style='font-family:黑体'>一、总体情况</span></h1>` +
      `<p class=MsoNormal style='text-indent:2em'><b>主动公开</b>政府信息<span lang=EN-US>128</span>条。</p>` +
      `<table class=MsoTableGrid border=1><tr><td width=100><p class=MsoNormal>项目</p></td><td><p class=MsoNormal>数量</p></td></tr></table>` +
      `</body></html>`;
    expect(settle(html)).toBe(
      "<h3>一、总体情况</h3><p><strong>主动公开</strong>政府信息128条。</p><table><tr><td><p>项目</p></td><td><p>数量</p></td></tr></table>",
    );
  });
});
