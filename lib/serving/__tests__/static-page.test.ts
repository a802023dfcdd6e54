import { describe, expect, it } from "vitest";
import { toStaticPage } from "../static-page";

const page = (body: string, head = "") =>
  `<!DOCTYPE html><html lang="zh-CN"><head><link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>` +
  `<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>${head}</head>` +
  `<body><div class="flex" data-static-page="">${body}</div>` +
  `<script src="/_next/static/chunks/b.js" async=""></script>` +
  `<script>(self.__next_f=self.__next_f||[]).push([0])</script><script>self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n"])</script></body></html>`;

describe("public pages as plain HTML", () => {
  it("takes out Next.js's scripts, its inline payload and the script preloads, and keeps the markup and stylesheets", () => {
    const html = toStaticPage(page("<p>正文</p>"))!;
    expect(html).not.toMatch(/<script/);
    expect(html).not.toContain("__next_f");
    expect(html).not.toContain('as="script"');
    expect(html).toContain('<link rel="stylesheet" href="/_next/static/chunks/a.css"');
    expect(html).toContain("<p>正文</p>");
  });

  it("keeps the page's own progressive enhancement and structured data", () => {
    const own = `<script data-static-keep="">document.documentElement.classList.add("js")</script>`;
    const ld = `<script type="application/ld+json">{"@type":"Report"}</script>`;
    const html = toStaticPage(page(own, ld))!;
    expect(html).toContain(own);
    expect(html).toContain(ld);
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it("leaves pages that did not ask for it, and pages waiting for a Suspense boundary, as they are", () => {
    expect(toStaticPage(page("x").replace(" data-static-page=\"\"", ""))).toBeNull();
    expect(toStaticPage(page('<!--$?--><template id="B:0"></template><p>加载中</p><!--/$-->'))).toBeNull();
  });
});
