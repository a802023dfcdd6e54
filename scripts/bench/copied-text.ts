/**
 * X-5 (copied text) speed, issue 13: a full check of the largest demo report — the rule engine
 * (checkReport, with last year's report) plus X-5 against last year's sections and 1,000 other
 * reports in a CopiedTextIndex — should take ≤ 200 ms.
 *
 * The 1,000 other reports are generated: the sections and sub-headings of the demo reports,
 * filled with sentences drawn at random (seeded, so every run builds the same reports) from
 * the demo reports' text and the real 2017 河桥镇 report, with place names and numbers changed;
 * one in 40 is a near-copy of the measured report (its sections with a fifth of the sentences
 * replaced and other numbers). Runs alone with `npm run bench -- copied-text`.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import { parseReportJson, type ReportDocument } from "@/lib/interchange";
import { checkReport, htmlToParagraphs } from "@/lib/rules";
import { CopiedTextIndex, checkCopiedText, measureCopiedText, type SourceDoc } from "@/lib/rules/copied-text";

const SEED_DIR = "db/seed/reports";
/** The full text of the real 2017 河桥镇 report, next to the repository (used when present). */
const HEQIAO_TEXT = path.join("..", "shared", "seed", "heqiao-2017-report.txt");
const PLACE_NAMES = /示例县|青石镇|柳溪镇|白沙镇|河桥镇|青石|柳溪|白沙|河桥/g;
const NAME_CHARS = "石桥河山溪林湾岭塘坪田源口湖沙坝峰泉岗圩松竹梅兰新安和平东西南北";

/** Small seeded PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Material {
  readonly docs: { readonly name: string; readonly doc: ReportDocument; readonly bytes: number }[];
  readonly sentences: readonly string[];
}

function loadMaterial(): Material {
  const docs = fs
    .readdirSync(SEED_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => {
      const text = fs.readFileSync(path.join(SEED_DIR, f), "utf8");
      const parsed = parseReportJson(text);
      if (!parsed.ok) throw new Error(`${f}: ${parsed.error.message}`);
      return { name: f.replace(/\.json$/, ""), doc: parsed.document, bytes: text.length };
    });
  const paragraphs = [
    ...docs.flatMap(({ doc }) => doc.sections.flatMap((s) => htmlToParagraphs(s.html))),
    ...(fs.existsSync(HEQIAO_TEXT) ? fs.readFileSync(HEQIAO_TEXT, "utf8").split("\n").slice(12) : []),
  ];
  const sentences = paragraphs.flatMap((p) => p.split(/(?<=[。；;！？])/)).map((s) => s.trim()).filter((s) => s.length >= 12);
  return { docs, sentences: [...new Set(sentences)] };
}

function placeName(rand: () => number): string {
  const pick = () => NAME_CHARS[Math.floor(rand() * NAME_CHARS.length)]!;
  return `${pick()}${pick()}`;
}

/** A sentence with this report's place names and other numbers. */
function vary(sentence: string, rand: () => number, town: string, county: string): string {
  return sentence
    .replace(PLACE_NAMES, (m) => (m.endsWith("县") ? `${county}县` : m.endsWith("镇") ? `${town}镇` : town))
    .replace(/\d+/g, (d) => (d.length === 4 && d.startsWith("20") ? d : String(Math.floor(rand() * 200))));
}

function generatedReport(i: number, material: Material, template: ReportDocument, nearCopyOf: ReportDocument | null): SourceDoc {
  const rand = random(1000 + i);
  const town = placeName(rand);
  const county = placeName(rand);
  const sentence = () => vary(material.sentences[Math.floor(rand() * material.sentences.length)]!, rand, town, county);
  const paragraph = (count: number) => `<p>${Array.from({ length: count }, sentence).join("")}</p>`;
  const sections = (nearCopyOf ?? template).sections.map((s) => {
    if (nearCopyOf) {
      // Near-copy: the same text, one sentence in five replaced, other names and numbers.
      const html = s.html.replace(/[^<>。；]+[。；]/g, (m) => (rand() < 0.2 ? sentence() : vary(m, rand, town, county)));
      return { key: s.key, heading: s.heading, html };
    }
    // Keep the section's sub-headings, each followed by new paragraphs (the preamble stays, varied).
    if (s.key === "preamble") return { key: s.key, heading: s.heading, html: vary(s.html, rand, town, county) };
    const headings = s.html.match(/<h3>[^<]*<\/h3>/g) ?? [""];
    const html = headings.map((h) => h + Array.from({ length: 1 + Math.floor(rand() * 3) }, () => paragraph(2 + Math.floor(rand() * 4))).join("")).join("");
    return { key: s.key, heading: s.heading, html };
  });
  return { id: `bench:${i}`, label: `${county}县${town}镇人民政府${template.year}年度报告`, sections };
}

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const r = (n: number) => Math.round(n * 100) / 100;
  return { runs: sorted.length, min: r(sorted[0]!), median: r(at(50)), p95: r(at(95)), unit: "ms" };
}

export interface CopiedTextBenchResult {
  readonly report: string;
  readonly others: number;
  readonly nearCopies: number;
  readonly indexBuild: ReturnType<typeof stats>;
  readonly indexHeapMiB: number;
  readonly fullCheck: ReturnType<typeof stats>;
  readonly copiedTextOnly: ReturnType<typeof stats>;
  readonly highestMatches: { readonly sectionKey: string; readonly percent: number; readonly source: string }[];
  readonly target: string;
}

export function copiedTextBench(others = 1000, runs = 50): CopiedTextBenchResult {
  const material = loadMaterial();
  const largest = material.docs.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const report = largest.doc;
  const previousEntry = material.docs.find((d) => d.doc.unit.orgCode === report.unit.orgCode && d.doc.year === report.year - 1);
  const previous = previousEntry?.doc ?? null;
  const previousSource = previous ? { id: previousEntry!.name, label: `本单位${previous.year}年度报告`, sections: previous.sections } : null;
  const nearCopyEvery = 40;
  const generated = Array.from({ length: others }, (_, i) => generatedReport(i, material, report, i % nearCopyEvery === 7 ? report : null));

  const builds: number[] = [];
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    const index = new CopiedTextIndex({ format: report.format });
    for (const doc of generated) index.add(doc);
    builds.push(performance.now() - started);
  }
  // Heap held by one index, between two full garbage collections.
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const kept = new CopiedTextIndex({ format: report.format });
  for (const doc of generated) kept.add(doc);
  gc();
  const indexHeapMiB = Math.round((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20);

  const sources = { previous: previousSource, index: kept };
  const full = () => [...checkReport(report.format, report, previous), ...checkCopiedText(report, sources, { format: report.format })];
  const copiedOnly = () => checkCopiedText(report, sources, { format: report.format });
  for (let i = 0; i < 5; i++) full(); // warm-up
  const fullTimes: number[] = [];
  const copiedTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    full();
    fullTimes.push(performance.now() - started);
    started = performance.now();
    copiedOnly();
    copiedTimes.push(performance.now() - started);
  }
  return {
    report: `${largest.name}.json`,
    others,
    nearCopies: generated.filter((_, i) => i % nearCopyEvery === 7).length,
    indexBuild: stats(builds),
    indexHeapMiB,
    fullCheck: stats(fullTimes),
    copiedTextOnly: stats(copiedTimes),
    highestMatches: measureCopiedText(report, sources, { format: report.format }).map((m) => ({ sectionKey: m.sectionKey, percent: m.percent, source: m.sourceLabel })),
    target: "full check ≤ 200 ms",
  };
}

/** Table rows (measurement, figure, target) as scripts/bench.ts prints them. */
export function copiedTextRows(r: CopiedTextBenchResult): [string, string, string][] {
  return [
    [`X-5 index of ${r.others} generated reports (${r.nearCopies} near-copies): build, min / median of 3 · heap`, `${r.indexBuild.min} / ${r.indexBuild.median} ms · ${r.indexHeapMiB} MiB`, ""],
    [
      `full check of ${r.report} (checkReport with last year + X-5 against last year and the index), ${r.fullCheck.runs} runs: min / median / p95`,
      `${r.fullCheck.min} / ${r.fullCheck.median} / ${r.fullCheck.p95} ms (X-5 alone ${r.copiedTextOnly.min} / ${r.copiedTextOnly.median} / ${r.copiedTextOnly.p95} ms)`,
      "≤ 200 ms",
    ],
  ];
}
