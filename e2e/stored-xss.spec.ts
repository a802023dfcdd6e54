import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { parseCsv } from "../lib/csv";
import { htmlToPlainText } from "../lib/html/sanitize";
import { findingKey } from "../lib/validations/workflow";
import { E2E_DATABASE_PATH } from "../playwright.config";
import { insertUser, openTestDb, queryOne, uniqueUsername } from "./support/db";
import { signInAs } from "./support/personas";
import { createTownshipWithCompleteDraft } from "./support/reports";
import { callServerAction, serverActionId } from "./support/server-actions";
import { joinPayloads, payloadGroups, XSS_PAYLOADS, xssMarker } from "./support/xss-payloads";

/*
 * Stored XSS, proved in a real browser: the shared corpus (e2e/support/xss-payloads.ts) goes
 * through every field that reaches a page — narrative sections (autosave route), the title,
 * metadata (archive import), comments, warning explanations, return reasons, approval opinions,
 * change notes, the withdrawal reason, unit names and user display names — and every page that
 * shows them is visited. No payload may run: no dialog, no call of the exposed `__xss`, no `on*`
 * attribute or script URL in the DOM; and the harmless text is still shown.
 */

interface Sinks {
  fired: string[];
}

const test = base.extend<{ sinks: Sinks }>({
  sinks: [
    async ({ context, page }, use) => {
      const sinks: Sinks = { fired: [] };
      await watch(context, page, sinks);
      await use(sinks);
      expect(sinks.fired, "a payload ran").toEqual([]);
    },
    { auto: true },
  ],
});

/** Records every call of `__xss` (in any frame) and every dialog of the page as a fired sink. */
async function watch(context: BrowserContext, page: Page, sinks: Sinks): Promise<void> {
  await context.exposeBinding("__xss", ({ frame }, n: unknown) => {
    sinks.fired.push(`__xss(${String(n)}) in ${frame.url()}`);
  });
  page.on("dialog", (dialog) => {
    sinks.fired.push(`${dialog.type()}(${dialog.message()}) on ${page.url()}`);
    void dialog.dismiss();
  });
}

const PASSWORD = "Xss-Proof-Staff-2026";
const REVIEW = "app/(staff)/staff/reports/[id]/review/actions.ts";
const REPORT = "app/(staff)/staff/reports/[id]/actions.ts";
const UNITS = "app/(staff)/staff/admin/units/actions.ts";
const USERS = "app/(staff)/staff/admin/users/actions.ts";
const NARRATIVE = ["preamble", "overview", "problems", "other"] as const;

const normalize = (text: string): string => text.replace(/\s+/g, " ").trim();

/** Marker numbers in a text (`XSS-MARK-1` is not `XSS-MARK-10`). */
function markersIn(text: string): Set<number> {
  return new Set([...text.matchAll(/XSS-MARK-(\d+)(?!\d)/g)].map((m) => Number(m[1])));
}

/** Runs in the page: every trace of a payload that could run (now or on a click) in the DOM. */
function domProblems(): string[] {
  const problems: string[] = [];
  const forbidden = new Set(["iframe", "frame", "frameset", "object", "embed", "applet", "base", "isindex", "marquee", "math", "keygen"]);
  // React puts this on <form action={fn}> so that a form submitted before hydration fails loudly.
  const reactFormSentinel = "javascript:throw new Error('React form unexpectedly submitted.')";
  const isScriptUrl = (value: string) => /^(javascript|vbscript|livescript):|^data:(text\/html|image\/svg|application\/xhtml)/.test(value.replace(/[\u0000-\u0020]/g, "").toLowerCase());
  for (const el of Array.from(document.querySelectorAll("*"))) {
    const tag = el.tagName.toLowerCase();
    if (forbidden.has(tag)) problems.push(`<${tag}> ${el.outerHTML.slice(0, 120)}`);
    if (tag === "meta" && el.getAttribute("http-equiv")?.toLowerCase() === "refresh") problems.push(`meta refresh ${el.outerHTML}`);
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) problems.push(`<${tag} ${attr.name}="${attr.value.slice(0, 80)}">`);
      if (isScriptUrl(attr.value) && attr.value !== reactFormSentinel) problems.push(`<${tag} ${attr.name}="${attr.value.slice(0, 80)}">`);
    }
    if (tag === "script") {
      const src = el.getAttribute("src");
      if (src !== null && !src.startsWith("/_next/")) problems.push(`script src=${src}`);
      // Next.js streams its RSC payload in inline scripts (`self.__next_f.push(…)`), where payload
      // text sits inside a JS string; any other inline script mentioning a sink is a breakout.
      const code = el.textContent ?? "";
      if (src === null && /__xss|alert\(/.test(code) && !/^\s*\(?self\.__next_f/.test(code)) problems.push(`inline script ${code.slice(0, 120)}`);
    }
  }
  return problems;
}

/**
 * Visits a page and proves nothing ran or is waiting to run; every text in `texts` must be
 * shown (after whitespace normalisation), and every marker in `markers` visible.
 */
async function visit(page: Page, sinks: Sinks, url: string, texts: readonly string[] = [], markers: Iterable<number> = [], ready?: (page: Page) => Promise<void>): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), url).toBeLessThan(400);
  await page.waitForLoadState("load");
  if (ready) await ready(page);
  expect(await page.evaluate(domProblems), url).toEqual([]);
  const shown = normalize(await page.locator("body").innerText());
  for (const text of texts) expect(shown, `${url} shows ${text.slice(0, 60)}`).toContain(normalize(text));
  const visible = markersIn(shown);
  const missing = [...markers].filter((m) => !visible.has(m));
  expect(missing, `${url}: markers not shown`).toEqual([]);
  expect(sinks.fired, url).toEqual([]);
}

/**
 * Strings as React's client encodes action arguments: one starting with `$` gets another `$`
 * (a bare `$…` is a reference in the reply protocol; several payloads start with `${`).
 */
function encodeReplyStrings(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(encodeReplyStrings);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeReplyStrings(v)]));
  return value;
}

async function act(request: APIRequestContext, baseURL: string, file: string, name: string, args: unknown[]): Promise<string> {
  const response = await callServerAction(request, "/staff", serverActionId(file, name), encodeReplyStrings(args) as unknown[], baseURL);
  const text = await response.text();
  expect(text, `${name} ${JSON.stringify(args).slice(0, 100)}`).toContain('"ok":true');
  return text;
}

/** Stored narrative HTML must not hold a script element, nor a handler or script URL in any tag. */
function expectSafeHtml(html: string, what: string): void {
  expect(html, what).not.toMatch(/<\s*script/i);
  for (const [tag] of html.matchAll(/<[^>]*>/g)) expect(tag, what).not.toMatch(/\son\w+\s*=|javascript:|vbscript:|data:|style\s*=|href|src/i);
}

test.describe.serial("stored XSS: every field, every page", () => {
  test.setTimeout(120_000);
  let reportId = 0;
  let unitId = 0;
  let orgCode = "";
  let clerkName = "";
  let leaderName = "";
  const clerk = uniqueUsername("xss.clerk");
  const leader = uniqueUsername("xss.leader");
  let clerkId = 0;
  const extraUnits: { id: number; name: string; shortName: string; orgCode: string }[] = [];
  let unitName = "";
  let title = "";
  /** Markers present in the stored narrative HTML, per section. */
  const storedMarkers = new Map<string, Set<number>>();
  const explanations = payloadGroups(500).slice(0, 2).map((g) => joinPayloads(g));
  const reasons = payloadGroups(1000).map((g) => joinPayloads(g));
  const opinions = reasons;
  const changeNotes = reasons.slice(1);
  const withdrawal = reasons[0]!;
  const shortPayloads = XSS_PAYLOADS.filter((p) => p.vector.trim().length <= 30);

  test.beforeAll(async () => {
    const created = await createTownshipWithCompleteDraft("防注入镇", 30);
    ({ reportId, unitId, orgCode } = created);
    clerkId = await insertUser({ username: clerk, password: PASSWORD, role: "clerk", unitShortName: "防注入镇" });
    await insertUser({ username: leader, password: PASSWORD, role: "leader", unitShortName: "防注入镇" });
  });

  test("the detector itself works under the site's CSP: an injected handler is caught", async ({ page, sinks }) => {
    await page.goto("/");
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="x" onerror="__xss(-1)" alt="">'));
    await expect.poll(() => sinks.fired.length).toBe(1);
    expect(sinks.fired[0]).toContain("__xss(-1)");
    expect((await page.evaluate(domProblems)).join()).toContain("onerror");
    sinks.fired.length = 0;
  });

  test("an admin gives units and people payload names; the admin pages show them as text", async ({ page, sinks, baseURL }) => {
    await signInAs(page, "admin");
    const request = page.context().request;
    const county = queryOne<{ id: number }>("select id from units where kind = 'county' limit 1")!;
    const nameGroups = payloadGroups(59);
    // The report's unit: a name a spreadsheet would run as a formula, for the open-data check.
    unitName = `=${joinPayloads(nameGroups[0]!)}`;
    const unitInput = (name: string, shortName: string, code: string) => ({ name, shortName, kind: "township", parentId: String(county.id), orgCode: code, reportDeadline: "03-31" });
    await act(request, baseURL!, UNITS, "updateUnitAction", [unitId, unitInput(unitName, "防注入镇", orgCode)]);
    const { orgCodeCheckChar } = await import("../lib/validations/org-code");
    for (let serial = 31; serial <= 39; serial++) {
      const group = nameGroups[serial - 30]!;
      const body = `WFTEST${serial}`;
      const code = body + orgCodeCheckChar(body);
      const name = (serial === 31 ? "@" : serial === 32 ? "+" : "") + joinPayloads(group);
      const shortName = group[0]!.vector.slice(0, 20).trim();
      const text = await act(request, baseURL!, UNITS, "createUnitAction", [unitInput(name, shortName, code)]);
      extraUnits.push({ id: Number(/"id":(\d+)/.exec(text)![1]), name, shortName, orgCode: code });
    }

    clerkName = shortPayloads[0]!.vector;
    leaderName = shortPayloads[1]!.vector;
    const clerkRow = queryOne<{ id: number }>("select id from users where username = ?", clerk)!;
    const leaderRow = queryOne<{ id: number }>("select id from users where username = ?", leader)!;
    await act(request, baseURL!, USERS, "updateUserAction", [clerkRow.id, { displayName: clerkName, role: "clerk", unitId: String(unitId) }]);
    await act(request, baseURL!, USERS, "updateUserAction", [leaderRow.id, { displayName: leaderName, role: "leader", unitId: String(unitId) }]);
    for (const p of shortPayloads.slice(2)) {
      await act(request, baseURL!, USERS, "createUserAction", [{ username: uniqueUsername(`xss${p.id}`), displayName: p.vector, role: "clerk", unitId: String(unitId) }]);
    }
    expect(queryOne<{ name: string }>("select name from units where id = ?", unitId)!.name).toBe(unitName);

    await visit(page, sinks, "/staff/admin/units", [unitName, ...extraUnits.flatMap((u) => [u.name, u.shortName])]);
    await visit(page, sinks, `/staff/admin/users?unit=${unitId}`, shortPayloads.map((p) => p.vector));
    await visit(page, sinks, `/staff/admin/users/${clerkId}`, [unitName]);
    await expect(page.getByLabel("姓名")).toHaveValue(clerkName);
    await visit(page, sinks, `/staff/admin/units/${unitId}`);
    await expect(page.getByLabel("单位全称")).toHaveValue(unitName);
    await visit(page, sinks, "/staff/admin/audit", [unitName]);
  });

  test("the clerk saves every payload into the narrative; the server stores none of it as markup", async ({ page, sinks, baseURL }) => {
    await signInAs(page, clerk, PASSWORD);
    const request = page.context().request;
    const save = async (key: string, html: string) => {
      const { version } = queryOne<{ version: number }>("select version from report_sections where report_id = ? and key = ?", reportId, key)!;
      const response = await request.put(`/api/reports/${reportId}/sections/${key}`, {
        headers: { Origin: baseURL!, "Content-Type": "application/json" },
        data: { baseVersion: version, html },
      });
      expect(response.status(), key).toBe(200);
      expect((await response.json()).status).toBe("saved");
      return queryOne<{ html: string }>("select html from report_sections where report_id = ? and key = ?", reportId, key)!.html;
    };
    // One payload at a time: each is neutralised and its harmless text kept.
    for (const payload of XSS_PAYLOADS) {
      const stored = await save("overview", payload.text);
      expectSafeHtml(stored, `payload ${payload.id} (${payload.kind})`);
      expect(markersIn(htmlToPlainText(stored)), `payload ${payload.id} (${payload.kind})`).toContain(payload.id);
    }
    // Then all of them at once, spread over the four narrative sections.
    // Sections 五 and 六 still say what they must (X-6), so that the warnings to explain stay the two 规章 ones.
    const mustSay: Partial<Record<(typeof NARRATIVE)[number], string>> = { problems: "<p>上年度报告所列问题已整改到位。</p>", other: "<p>本年度未收取信息处理费。</p>" };
    for (const [i, key] of NARRATIVE.entries()) {
      const html = XSS_PAYLOADS.filter((p) => p.id % NARRATIVE.length === i).map((p) => `<p>${p.text}</p>`).join("\n") + (mustSay[key] ?? "");
      const stored = await save(key, html);
      expectSafeHtml(stored, key);
      storedMarkers.set(key, markersIn(htmlToPlainText(stored)));
    }
    const all = new Set([...storedMarkers.values()].flatMap((s) => [...s]));
    expect(all.size, "markers kept in the stored narrative").toBeGreaterThanOrEqual(XSS_PAYLOADS.length * 0.9);

    // Titles: every payload, a group per update (the last one stays and is checked on every page).
    const titles = payloadGroups(120).map((g) => joinPayloads(g));
    for (const candidate of titles) await act(request, baseURL!, REPORT, "updateReportTitleAction", [reportId, { title: candidate }]);
    title = titles.at(-1)!;
    await visit(page, sinks, "/staff", [unitName, clerkName]);

    for (const key of NARRATIVE) {
      await visit(page, sinks, `/staff/reports/${reportId}/sections/${key}`, [title], storedMarkers.get(key), async (p) => {
        await expect(p.locator(".ProseMirror")).toBeVisible();
      });
    }
    await visit(page, sinks, `/staff/reports/${reportId}/sections/overview/history`, [clerkName]);
    await visit(page, sinks, `/staff/reports/${reportId}/preview`, [title], all);
    await visit(page, sinks, `/staff/reports/${reportId}/history`, [title, clerkName]);

    // Every earlier title is in the audit log, whose details sentence quotes it as text.
    await signInAs(page, "admin");
    const audited = titles.map((t) => `新标题：${t}`);
    const pages = Math.ceil(titles.length / 50);
    const shown: string[] = [];
    for (let n = 1; n <= pages; n++) {
      await visit(page, sinks, `/staff/admin/audit?action=report.title&user=${clerk}&page=${n}`);
      shown.push(normalize(await page.locator("main").innerText()));
    }
    for (const entry of audited) expect(shown.join(" "), entry).toContain(normalize(entry));
  });

  test("comments, replies, explanations and return reasons are shown as text", async ({ page, sinks, baseURL, browser }) => {
    // The page is the leader's; the clerk acts from a second signed-in browser context.
    const clerkSide = await signedInContext(browser, sinks, baseURL!, clerk);
    await signInAs(page, leader, PASSWORD);
    const request = page.context().request;
    const sections = ["overview", "problems", "applications", "other"];
    for (const payload of XSS_PAYLOADS) {
      const cellId = payload.id % 10 === 0 ? payload.text.slice(0, 120) : undefined;
      await act(request, baseURL!, REVIEW, "addCommentAction", [reportId, { sectionKey: sections[payload.id % sections.length]!, body: payload.text, cellId }]);
    }
    const firstComment = queryOne<{ id: number; section_key: string }>("select id, section_key from review_comments where report_id = ? order by id limit 1", reportId)!;

    // The clerk replies, sees the comments in the inbox and submits through the form,
    // explaining both warnings with payloads.
    await act(clerkSide.request, baseURL!, REVIEW, "addCommentAction", [reportId, { sectionKey: firstComment.section_key, body: reasons[0], parentId: firstComment.id }]);
    await visit(clerkSide.page, sinks, "/staff/inbox", [leaderName, title]);
    await clerkSide.page.goto(`/staff/reports/${reportId}/submit`);
    const boxes = clerkSide.page.getByRole("textbox", { name: /规章/ });
    await expect(boxes).toHaveCount(2);
    for (let i = 0; i < 2; i++) await boxes.nth(i).fill(explanations[i]!);
    await clerkSide.page.getByRole("button", { name: "提交审核" }).click();
    await expect(clerkSide.page).toHaveURL(/\/review\?submitted=1/);
    const explanationsByKey = explanationsByKeyOf(reportId);
    expect(Object.values(explanationsByKey)).toEqual(explanations);

    await visit(page, sinks, `/staff/reports/${reportId}/review`, [title, clerkName, leaderName, reasons[0]!, ...explanations, ...XSS_PAYLOADS.map((p) => p.text)], storedMarkers.get("overview"));
    await visit(page, sinks, "/staff/inbox", [clerkName, title]);

    // Return rounds, one per group of payloads; the clerk resubmits in between.
    for (const [i, reason] of reasons.entries()) {
      await act(request, baseURL!, REVIEW, "returnReportAction", [reportId, { reason }]);
      if (i === 0) {
        await visit(clerkSide.page, sinks, `/staff/reports/${reportId}/sections/problems`, [reason], storedMarkers.get("problems"), async (p) => {
          await expect(p.locator(".ProseMirror")).toBeVisible();
        });
      }
      if (i < reasons.length - 1) await act(clerkSide.request, baseURL!, REVIEW, "submitReportAction", [reportId, explanationsByKey]);
    }
    await visit(page, sinks, `/staff/reports/${reportId}/history`, reasons);
    await visit(clerkSide.page, sinks, `/staff/reports/${reportId}/sections/other`, [reasons.at(-1)!], storedMarkers.get("other"), async (p) => {
      await expect(p.locator(".ProseMirror")).toBeVisible();
    });
    await act(clerkSide.request, baseURL!, REVIEW, "submitReportAction", [reportId, explanationsByKey]);
    await clerkSide.close();
  });

  test("approval opinions and change notes over several corrections; the sign-off sheet and history show them as text", async ({ page, sinks, baseURL, browser }) => {
    const clerkSide = await signedInContext(browser, sinks, baseURL!, clerk);
    await signInAs(page, leader, PASSWORD);
    const request = page.context().request;
    await act(request, baseURL!, REVIEW, "approveReportAction", [reportId, { opinion: opinions[0], writtenOn: "2025-01-20" }]);
    await visit(page, sinks, `/staff/reports/${reportId}/sign-off`, [opinions[0]!, title, leaderName]);
    await act(request, baseURL!, REVIEW, "publishReportAction", [reportId, { scheduleAt: "", changeNote: "" }]);

    for (const [i, note] of changeNotes.entries()) {
      await act(request, baseURL!, REVIEW, "startCorrectionAction", [reportId]);
      await act(clerkSide.request, baseURL!, REVIEW, "submitReportAction", [reportId, explanationsByKeyOf(reportId)]);
      await act(request, baseURL!, REVIEW, "approveReportAction", [reportId, { opinion: opinions[i + 1], writtenOn: "2025-01-20" }]);
      await act(request, baseURL!, REVIEW, "publishReportAction", [reportId, { scheduleAt: "", changeNote: note }]);
    }
    await clerkSide.close();
    expect(queryOne<{ status: string }>("select status from reports where id = ?", reportId)!.status).toBe("published");
    await visit(page, sinks, `/staff/reports/${reportId}/history`, [...opinions, ...changeNotes]);
    await visit(page, sinks, `/staff/reports/${reportId}/sign-off`, [opinions.at(-1)!, title]);
    await visit(page, sinks, `/staff/reports/${reportId}/review`, [title]);
    await visit(page, sinks, "/staff/inbox", [title]);
    await signInAs(page, "county.clerk");
    await visit(page, sinks, "/staff/overview", [unitName, ...extraUnits.map((u) => u.name)]);
  });

  test("the public pages, search, feed and open data show the published payloads as text", async ({ page, sinks, request }) => {
    const markers = new Set([...storedMarkers.values()].flatMap((s) => [...s]));
    await visit(page, sinks, `/reports/${reportId}`, [title, changeNotes.at(-1)!], markers);
    await visit(page, sinks, `/reports/${reportId}?edition=1`, [title], markers);
    await visit(page, sinks, `/reports/${reportId}?size=l&elder=1`, [title], markers);
    await visit(page, sinks, "/", [title]);
    await visit(page, sinks, "/reports?year=2024", [title]);
    await visit(page, sinks, `/units/${unitId}`, [unitName, title]);
    await visit(page, sinks, `/search?q=${encodeURIComponent(xssMarker(XSS_PAYLOADS[0]!.id))}`, [xssMarker(XSS_PAYLOADS[0]!.id)]);
    // The query itself is shown back: reflected, not only stored.
    for (const p of XSS_PAYLOADS.slice(0, 12)) await visit(page, sinks, `/search?q=${encodeURIComponent(p.text)}`);

    // The Atom feed: well-formed XML with the payloads as text, nothing in another namespace.
    const feed = await (await request.get("/feed.xml")).text();
    const parsed = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, "application/xml");
      const foreign = Array.from(doc.getElementsByTagName("*")).filter((e) => e.namespaceURI !== "http://www.w3.org/2005/Atom");
      return { error: doc.getElementsByTagName("parsererror").length, foreign: foreign.map((e) => e.tagName), text: doc.documentElement.textContent ?? "" };
    }, feed);
    expect(parsed.error).toBe(0);
    expect(parsed.foreign).toEqual([]);
    expect(normalize(parsed.text)).toContain(normalize(title));
    expect(normalize(parsed.text)).toContain(normalize(changeNotes.at(-1)!));
    await visit(page, sinks, "/feed.xml");

    // Open data: JSON is JSON, and no CSV cell starts a spreadsheet formula.
    const json = await request.get(`/reports/${reportId}/report.json`);
    expect(json.headers()["content-type"]).toMatch(/^application\/json/);
    expect(json.headers()["x-content-type-options"]).toBe("nosniff");
    const csv2024 = await expectNoFormulaCells(request, "/open-data/2024.csv");
    expect(csv2024.some((r) => r[0] === `'${unitName}`), "the unit's name, neutralised").toBe(true);
    await expectNoFormulaCells(request, `/reports/${reportId}/tables.csv`);
  });

  test("the withdrawal reason is shown as text on the public notice and in the history", async ({ page, sinks, baseURL }) => {
    await signInAs(page, leader, PASSWORD);
    await act(page.context().request, baseURL!, REVIEW, "withdrawReportAction", [reportId, { reason: withdrawal }]);
    await visit(page, sinks, `/staff/reports/${reportId}/history`, [withdrawal]);
    await visit(page, sinks, `/reports/${reportId}`, [withdrawal]);
    const file = await page.request.get(`/reports/${reportId}/report.json`);
    expect(file.status()).toBe(410);
    expect(file.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  });

  test("an imported archive carries payloads in its title, metadata, headings, narrative, attachments and signature", async ({ page, sinks }) => {
    const unit = extraUnits[0]!;
    const groups = payloadGroups(200).map((g) => joinPayloads(g));
    const source = JSON.parse(fs.readFileSync("db/seed/reports/qingshi-2023.json", "utf8"));
    const metadataKeys = ["indexNo", "disclosureMode", "scope", "retention", "publisher", "source", "docNo", "validity", "category"] as const;
    source.year = 2022;
    source.unit = { name: unit.name, orgCode: unit.orgCode, kind: "township" };
    source.title = groups[0];
    source.metadata = { ...Object.fromEntries(metadataKeys.map((k, i) => [k, groups[(i + 1) % groups.length]])), writtenOn: "2023-01-10", publishedAt: "2023-01-16T09:30:00+08:00" };
    source.sections = source.sections.map((s: { key: string; heading: string }, i: number) => ({
      ...s,
      heading: s.heading ? `${s.heading}${XSS_PAYLOADS[i]!.vector}` : s.heading,
      html: XSS_PAYLOADS.filter((p) => p.id % source.sections.length === i).map((p) => `<p>${p.text}</p>`).join(""),
    }));
    source.attachments = [{ title: groups[1], columns: ["内容", groups[2]!.slice(0, 80)], rows: XSS_PAYLOADS.slice(0, 8).map((p) => [p.text, `=HYPERLINK("http://x/${p.id}")`]) }];
    source.signature = { issuer: groups[3], date: groups[4] };
    const file = path.join(os.tmpdir(), `xss-archive-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify(source));
    // The operator's command (npm run report:import).
    const out = execFileSync("node_modules/.bin/tsx", ["scripts/report-import.ts", file, "--unit", unit.orgCode], {
      env: { ...process.env, DATABASE_PATH: E2E_DATABASE_PATH },
      encoding: "utf8",
    });
    fs.rmSync(file);
    const imported = JSON.parse(out) as { reportId: number; status: string };
    expect(imported.status).toBe("published");

    const db = openTestDb();
    const rows = db.prepare("select html from report_sections where report_id = ? and kind = 'narrative'").all(imported.reportId) as { html: string }[];
    const snapshot = (db.prepare("select snapshot from report_editions where report_id = ?").get(imported.reportId) as { snapshot: string }).snapshot;
    db.close();
    const markers = new Set<number>();
    for (const { html } of rows) {
      expectSafeHtml(html, "imported section");
      for (const m of markersIn(htmlToPlainText(html))) markers.add(m);
    }
    for (const section of JSON.parse(snapshot).sections as { html: string }[]) expectSafeHtml(section.html, "published snapshot");
    expect(markers.size).toBeGreaterThanOrEqual(XSS_PAYLOADS.length * 0.9);

    const shownMetadata = metadataKeys.filter((k) => k !== "indexNo" && k !== "docNo").map((k) => source.metadata[k] as string);
    const headings = (source.sections as { heading: string }[]).map((s) => s.heading).filter(Boolean);
    await visit(page, sinks, `/reports/${imported.reportId}`, [source.title, ...headings, ...shownMetadata, source.signature.issuer, source.attachments[0].title, ...XSS_PAYLOADS.slice(0, 8).map((p) => p.text)], markers);
    await visit(page, sinks, `/units/${unit.id}`, [unit.name, source.title]);
    await visit(page, sinks, "/reports?year=2022", [source.title]);
    const csv2022 = await expectNoFormulaCells(page.request, "/open-data/2022.csv");
    expect(csv2022.some((r) => r[0] === `'${unit.name}`), "the unit's name, neutralised").toBe(true);
    await signInAs(page, "county.clerk");
    await visit(page, sinks, "/staff/overview?year=2022", [unit.name]);

    // The unit's clerk starts the next year: the editor shows last year's section 五 beside it.
    const unitClerk = uniqueUsername("xss.archive");
    await insertUser({ username: unitClerk, password: PASSWORD, role: "clerk", unitShortName: unit.shortName });
    await signInAs(page, unitClerk, PASSWORD);
    await page.getByRole("button", { name: "新建年度报告（2023年）" }).click();
    await expect(page).toHaveURL(/\/staff\/reports\/\d+$/);
    const nextId = Number(/reports\/(\d+)$/.exec(page.url())![1]);
    const lastYear = queryOne<{ html: string }>("select html from report_sections where report_id = ? and key = 'problems'", imported.reportId)!.html;
    const lastYearMarkers = markersIn(htmlToPlainText(lastYear));
    expect(lastYearMarkers.size).toBeGreaterThan(0);
    await visit(page, sinks, `/staff/reports/${nextId}/sections/problems`, [unit.name], lastYearMarkers, async (p) => {
      await expect(p.getByRole("heading", { name: /参考：2022年度报告/ })).toBeVisible();
    });
  });

});

/**
 * A second person signed in in their own browser context, watched by the same sinks (the
 * `__xss` binding and a dialog listener) as the test's page.
 */
async function signedInContext(browser: Browser, sinks: Sinks, baseURL: string, username: string) {
  const context = await browser.newContext({ baseURL, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  await watch(context, page, sinks);
  await signInAs(page, username, PASSWORD);
  return { page, request: context.request, close: () => context.close() };
}

/** Fetches a CSV download and proves no cell would start a spreadsheet formula; returns the rows. */
async function expectNoFormulaCells(request: APIRequestContext, url: string): Promise<string[][]> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  const rows = parseCsv(await response.text());
  for (const cell of rows.flat()) {
    if (/^[=+\-@\t\r]/.test(cell)) expect(cell, url).toMatch(/^-$|^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/);
  }
  return rows;
}

/** The explanations of the report's last submission, keyed as the submit form keys them. */
function explanationsByKeyOf(reportId: number): Record<string, string> {
  const row = queryOne<{ details: string }>("select details from report_transitions where report_id = ? and to_status = 'submitted' order by id desc limit 1", reportId)!;
  const explained = JSON.parse(row.details).explanations as { finding: Parameters<typeof findingKey>[0]; explanation: string }[];
  return Object.fromEntries(explained.map((e) => [findingKey(e.finding), e.explanation]));
}

