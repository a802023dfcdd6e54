/*
 * The sanitizer over the shared stored-XSS corpus (the same payloads the e2e proof sends through
 * every field, e2e/stored-xss.spec.ts): alone, all together, and as an imported archive.
 */
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { XSS_PAYLOADS, xssMarker } from "@/e2e/support/xss-payloads";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { systemActor } from "@/db/actor";
import { importReportJson } from "@/db/report-import";
import { readReportDocument } from "@/db/report-store";
import { reportEditions, units } from "@/db/schema";
import { htmlToPlainText, sanitizeReportHtml } from "../sanitize";
import { allowlistViolations } from "./allowlist-assertions";

/** What stored narrative HTML must never contain: in any tag, no handler and no script URL; no script element. */
function dangerIn(html: string): string[] {
  const found: string[] = [];
  if (/<\s*script/i.test(html)) found.push("<script");
  for (const [tag] of html.matchAll(/<[^>]*>/g)) {
    if (/\son\w+\s*=|javascript:|vbscript:|data:|style\s*=|href|src/i.test(tag)) found.push(tag);
  }
  return found;
}

describe("the stored-XSS corpus", () => {
  it("has at least 60 distinct payloads, each with its own sink number and marker", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(XSS_PAYLOADS.map((p) => p.vector)).size).toBe(XSS_PAYLOADS.length);
    expect(new Set(XSS_PAYLOADS.map((p) => p.id)).size).toBe(XSS_PAYLOADS.length);
    for (const p of XSS_PAYLOADS) {
      expect(p.text.startsWith(`${xssMarker(p.id)} `)).toBe(true);
    }
  });

  it.each(XSS_PAYLOADS.map((p) => [p.id, p.kind, p] as const))("payload %i (%s) is reduced to the allowlist and keeps its marker", (_id, _kind, payload) => {
    const clean = sanitizeReportHtml(payload.text);
    expect(allowlistViolations(clean)).toEqual([]);
    expect(dangerIn(clean)).toEqual([]);
    expect(htmlToPlainText(clean)).toContain(xssMarker(payload.id));
    expect(sanitizeReportHtml(clean)).toBe(clean);
  });

  it("the whole corpus in one section stays inside the allowlist", () => {
    const clean = sanitizeReportHtml(XSS_PAYLOADS.map((p) => `<p>${p.text}</p>`).join("\n"));
    expect(allowlistViolations(clean)).toEqual([]);
    expect(dangerIn(clean)).toEqual([]);
    expect(sanitizeReportHtml(clean)).toBe(clean);
    // The first marker can never be swallowed by a later payload.
    expect(htmlToPlainText(clean)).toContain(xssMarker(XSS_PAYLOADS[0]!.id));
  });

  it("text that only looks like markup stays text (escaped), never becomes a tag", () => {
    for (const p of XSS_PAYLOADS.filter((x) => x.kind.includes("stays text") || x.kind.includes("encoded"))) {
      const clean = sanitizeReportHtml(p.text);
      expect(clean).not.toMatch(/<(script|img)\b/i);
    }
  });
});

describe("an imported archive (report:import, the demo seed)", () => {
  it("keeps no payload in its narrative HTML: import sanitizes like the editor's save does", async () => {
    const source = JSON.parse(fs.readFileSync("db/seed/reports/qingshi-2023.json", "utf8"));
    const count = source.sections.length as number;
    source.sections = source.sections.map((s: { key: string; heading: string; html: string }, i: number) => ({
      ...s,
      html: XSS_PAYLOADS.filter((p) => p.id % count === i).map((p) => `<p>${p.text}</p>`).join(""),
    }));
    const db = freshDatabase();
    db.insert(units).values({ name: source.unit.name, shortName: "青石镇", kind: "township", orgCode: source.unit.orgCode }).run();
    const { reportId, status } = await importReportJson(db, systemActor("import"), JSON.stringify(source), source.unit.orgCode);
    expect(status).toBe("published");
    const stored = (await readReportDocument(db, reportId))!;
    const snapshot = db.select({ snapshot: reportEditions.snapshot }).from(reportEditions).where(eq(reportEditions.reportId, reportId)).get()!;
    const published = JSON.parse(snapshot.snapshot) as { sections: { html: string }[] };
    expect(stored.sections).toHaveLength(count);
    for (const section of [...stored.sections, ...published.sections]) {
      expect(allowlistViolations(section.html)).toEqual([]);
      expect(dangerIn(section.html)).toEqual([]);
    }
    expect(htmlToPlainText(stored.sections.map((s) => s.html).join(""))).toContain(xssMarker(XSS_PAYLOADS[0]!.id));
  });

  it("leaves the demo reports' narrative HTML exactly as it is (already inside the allowlist)", () => {
    for (const file of fs.readdirSync("db/seed/reports").filter((f) => f.endsWith(".json"))) {
      const doc = JSON.parse(fs.readFileSync(`db/seed/reports/${file}`, "utf8"));
      for (const section of doc.sections as { html: string }[]) expect(sanitizeReportHtml(section.html), file).toBe(section.html);
    }
  });
});
