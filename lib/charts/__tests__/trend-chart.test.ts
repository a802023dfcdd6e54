import { describe, expect, it } from "vitest";
import { finishSvg, renderTrendChartSvg } from "../trend-chart";

describe("server-rendered trend charts", () => {
  const input = {
    id: "trend-applications",
    label: "依申请公开办理情况。本年新收申请：2022年23，2023年28",
    categories: ["2022年", "2023年"],
    series: [
      { name: "本年新收申请", values: [23, 28] },
      { name: "予以公开", values: [11, null] },
    ],
  };

  it("is an SVG image with an accessible name and title, and no script or style", () => {
    const svg = renderTrendChartSvg(input);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toMatch(/^<svg[^>]* role="img"/);
    expect(svg).toContain(`aria-label="${input.label}"`);
    expect(svg).toContain(`<title id="trend-applications-title">${input.label}</title>`);
    expect(svg).not.toMatch(/<style|<script|on\w+=/i);
    expect(svg).toContain("viewBox=");
    expect(svg).not.toMatch(/^<svg[^>]*\swidth="/);
  });

  it("shows the categories, series names and values", () => {
    const svg = renderTrendChartSvg(input);
    for (const text of ["2022年", "2023年", "本年新收申请", "予以公开", ">23<", ">28<", ">11<"]) expect(svg).toContain(text);
  });

  it("gives each chart its own internal ids so several fit on one page", () => {
    const a = renderTrendChartSvg({ ...input, id: "chart-a" });
    const b = renderTrendChartSvg({ ...input, id: "chart-b", kind: "line" });
    expect(a).not.toMatch(/\bzr\d+-/);
    expect(b).not.toMatch(/\bzr\d+-/);
    const ids = (svg: string) => [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    for (const id of ids(a)) expect(ids(b)).not.toContain(id);
  });

  it("escapes the label", () => {
    const svg = finishSvg('<svg width="10" height="10" viewBox="0 0 10 10"><g/></svg>', "x", 'a<b>&"c"');
    expect(svg).toContain('aria-label="a&lt;b&gt;&amp;&quot;c&quot;"');
    expect(svg).toContain("<title id=\"x-title\">a&lt;b&gt;&amp;&quot;c&quot;</title>");
  });
});
