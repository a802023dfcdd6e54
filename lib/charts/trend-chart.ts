/**
 * Trend charts as static SVG, rendered on the server with ECharts' SSR renderer: no script
 * reaches the browser, the chart prints, and it is described for screen readers (role="img",
 * aria-label, <title>) with a data table next to it on the page.
 */
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

/** Restrained palette: gov red, slate, ochre, teal, grey-violet (all ≥ 3:1 against white). */
export const CHART_COLORS = ["#a8171b", "#3b5573", "#a0661a", "#2f6f62", "#6b5b7b"] as const;

const FONT_FAMILY = "PingFang SC, Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, sans-serif";

export interface ChartSeries {
  readonly name: string;
  /** One value per category; null leaves a gap. */
  readonly values: readonly (number | null)[];
}

export interface TrendChartInput {
  /** Unique on the page; prefixes the SVG's internal ids. */
  readonly id: string;
  /** Accessible name of the chart (also its <title>). */
  readonly label: string;
  /** Category axis labels, e.g. ["2022年", "2023年"]. */
  readonly categories: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly kind?: "bar" | "line";
  readonly width?: number;
  readonly height?: number;
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Only [A-Za-z0-9_-] survive in ids. */
const safeId = (id: string): string => id.replace(/[^A-Za-z0-9_-]/g, "-") || "chart";

/**
 * Makes an ECharts SVG safe to inline several times on one page: internal ids and class names
 * (`zr<N>-…`) get the chart's own prefix, the hover <style> block is dropped (nothing is
 * interactive), and the root element gets role="img", aria-label and a <title>.
 */
export function finishSvg(svg: string, id: string, label: string): string {
  const prefix = safeId(id);
  const withoutStyle = svg.replace(/<style[^>]*>[\s\S]*?<\/style>/g, "");
  const renamed = withoutStyle.replace(/\bzr\d+-/g, `${prefix}-`);
  const title = `<title id="${prefix}-title">${escapeXml(label)}</title>`;
  return renamed.replace(
    /^<svg\b([^>]*)>/,
    (_match, attrs: string) =>
      `<svg${attrs.replace(/\s(width|height)="[^"]*"/g, "")} role="img" aria-label="${escapeXml(label)}" focusable="false" preserveAspectRatio="xMidYMid meet">${title}`,
  );
}

/**
 * Charts already drawn, by their whole input: drawing is a pure function of it and costs tens of
 * milliseconds (ECharts lays out and renders every time), so a unit page drawn again with the same
 * figures reuses its SVG. Nothing can go stale — other figures are another key; the oldest entry
 * leaves when the cache is full.
 */
const drawn = new Map<string, string>();
const DRAWN_LIMIT = 1024;

/** Renders a bar or line chart of the series over the categories as an SVG string. */
export function renderTrendChartSvg(input: TrendChartInput): string {
  const key = JSON.stringify([input.id, input.label, input.categories, input.series, input.kind ?? "bar", input.width ?? null, input.height ?? null]);
  const known = drawn.get(key);
  if (known !== undefined) return known;
  const svg = drawTrendChartSvg(input);
  if (drawn.size >= DRAWN_LIMIT) {
    const oldest = drawn.keys().next().value;
    if (oldest !== undefined) drawn.delete(oldest);
  }
  drawn.set(key, svg);
  return svg;
}

function drawTrendChartSvg(input: TrendChartInput): string {
  const width = input.width ?? 720;
  const height = input.height ?? 320;
  const kind = input.kind ?? "bar";
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      silent: true,
      aria: { enabled: false },
      color: [...CHART_COLORS],
      textStyle: { fontFamily: FONT_FAMILY, color: "#1f2328" },
      legend: { top: 4, itemGap: 16, textStyle: { fontFamily: FONT_FAMILY, color: "#1f2328", fontSize: 13 } },
      grid: { left: 48, right: 24, top: 48, bottom: 36, containLabel: false },
      xAxis: {
        type: "category",
        data: [...input.categories],
        axisLabel: { color: "#1f2328", fontSize: 13 },
        axisLine: { lineStyle: { color: "#57606a" } },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: "value",
        minInterval: 1,
        axisLabel: { color: "#57606a", fontSize: 12 },
        splitLine: { lineStyle: { color: "#d0d7de" } },
      },
      series: input.series.map((s) => ({
        name: s.name,
        type: kind,
        data: [...s.values],
        emphasis: { disabled: true },
        barMaxWidth: 36,
        connectNulls: false,
        symbolSize: 7,
        label: { show: true, position: "top", color: "#1f2328", fontSize: 12 },
      })),
    });
    return finishSvg(chart.renderToSVGString(), input.id, input.label);
  } finally {
    chart.dispose();
  }
}
