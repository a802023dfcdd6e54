import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse, type Browser, type PlaywrightWorkerArgs } from "@playwright/test";
import { orgCodeCheckChar } from "../lib/validations/org-code";
import { AUTHORIZATION_TABLE, MATRIX_PERSONAS, type Persona } from "./support/authorization-table";
import { databaseFingerprint, insertNotification, insertUser, openTestDb, queryOne, uniqueUsername } from "./support/db";
import { DEMO_PASSWORD, signInAs } from "./support/personas";
import { createTownshipWithCompleteDraft } from "./support/reports";
import { callServerAction, serverActionEntries, serverActionId } from "./support/server-actions";

/**
 * The authorization matrix: every server action and mutating route handler of the build,
 * called by six personas with realistic arguments while the target is in the state in which
 * the call would succeed. What each persona may do comes from one declared table
 * (support/authorization-table.ts); a refused call must leave the database byte-for-byte
 * unchanged, an allowed call must do its work.
 */

const WORD_FIXTURE = path.join(process.cwd(), "lib/word-import/__tests__/fixtures/township-report.docx");
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const REFUSAL_CODES = ["unauthenticated", "forbidden", "not_found"];

type Outcome = { kind: "ok" | "refused" | "invalid" | "other"; detail: string };

async function actionOutcome(response: APIResponse): Promise<Outcome> {
  const status = response.status();
  const location = response.headers()["location"] ?? "";
  if (status >= 300 && status < 400) {
    return { kind: location.includes("/login") ? "refused" : "other", detail: `${status} → ${location}` };
  }
  const redirect = response.headers()["x-action-redirect"];
  const body = await response.text();
  if (redirect) return { kind: new URL(redirect, "http://x").pathname === "/login" ? "refused" : "ok", detail: `redirect ${redirect}` };
  const line = body.split("\n").find((l) => /^\w+:\{"ok":(true|false)/.test(l));
  if (!line) return { kind: "other", detail: `${status} ${body.slice(0, 300)}` };
  const result = JSON.parse(line.slice(line.indexOf(":") + 1)) as { ok: boolean; code?: string; message?: string };
  if (result.ok) return { kind: "ok", detail: "ok" };
  const detail = `${result.code}: ${result.message}`;
  if (REFUSAL_CODES.includes(result.code ?? "")) return { kind: "refused", detail };
  return { kind: result.code === "invalid" ? "invalid" : "other", detail };
}

async function routeOutcome(response: APIResponse): Promise<Outcome> {
  const status = response.status();
  const detail = `${status} ${(await response.text()).slice(0, 200)}`;
  if (status === 200) return { kind: "ok", detail };
  if ([401, 403, 404].includes(status) || (status >= 300 && status < 400)) return { kind: "refused", detail };
  return { kind: status === 400 ? "invalid" : "other", detail };
}

interface World {
  baseURL: string;
  request: Record<Persona, APIRequestContext>;
  /** The anonymous persona's second form: no cookie at all (stopped by the proxy). */
  noCookie: APIRequestContext;
  userId: Record<Exclude<Persona, "anonymous">, number>;
  unitA: number;
  reportA: number;
}

const PASSWORD = DEMO_PASSWORD;

async function buildWorld(browser: Browser, playwright: PlaywrightWorkerArgs["playwright"], baseURL: string): Promise<World> {
  const a = await createTownshipWithCompleteDraft("矩阵甲镇", 20, { raisesWarning: false });
  await createTownshipWithCompleteDraft("矩阵乙镇", 21, { raisesWarning: false });
  const roles: Record<Exclude<Persona, "anonymous">, { role: "clerk" | "leader" | "admin"; unit: string }> = {
    clerkA: { role: "clerk", unit: "矩阵甲镇" },
    leaderA: { role: "leader", unit: "矩阵甲镇" },
    clerkB: { role: "clerk", unit: "矩阵乙镇" },
    leaderB: { role: "leader", unit: "矩阵乙镇" },
    // An admin who belongs to unit A: being an admin of the unit still grants no content rights.
    admin: { role: "admin", unit: "矩阵甲镇" },
  };
  const request = {} as Record<Persona, APIRequestContext>;
  const userId = {} as World["userId"];
  for (const [persona, { role, unit }] of Object.entries(roles) as [Exclude<Persona, "anonymous">, (typeof roles)["admin"]][]) {
    const username = uniqueUsername(`matrix.${persona.toLowerCase()}`);
    userId[persona] = await insertUser({ username, password: PASSWORD, role, unitShortName: unit });
    const context = await browser.newContext({ baseURL });
    await signInAs(await context.newPage(), username, PASSWORD);
    request[persona] = context.request;
  }
  request.anonymous = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Cookie: "authjs.session-token=forged-session-token" } });
  const noCookie = await playwright.request.newContext({ baseURL, maxRedirects: 0 });
  return { baseURL, request, noCookie, userId, unitA: a.unitId, reportA: a.reportId };
}

test.describe("authorization matrix", () => {
  test("every server action and mutating route answers each persona as the role table says", async ({ browser, playwright, baseURL }) => {
    test.setTimeout(180_000);
    const world = await buildWorld(browser, playwright, baseURL!);
    const covered = new Set<string>();
    const R = world.reportA;

    const action = (file: string, name: string, page: string, args: () => unknown[]) => ({
      entry: `${file}#${name}`,
      async call(persona: Persona): Promise<Outcome> {
        const id = serverActionId(file, name);
        if (persona === "anonymous") {
          // Without a cookie the proxy answers; with a forged one the action itself must refuse.
          const bare = await actionOutcome(await callServerAction(world.noCookie, page, id, args(), world.baseURL));
          if (bare.kind !== "refused") return { kind: bare.kind, detail: `without a cookie: ${bare.detail}` };
        }
        return actionOutcome(await callServerAction(world.request[persona], page, id, args(), world.baseURL));
      },
    });

    /** Refused personas first (nothing may change), then the allowed ones given in `perform` do the work. */
    async function prove(target: { entry: string; call: (p: Persona) => Promise<Outcome> }, perform?: Persona[]) {
      const rule = AUTHORIZATION_TABLE[target.entry];
      expect(rule, `${target.entry} is missing from the role table`).toBeDefined();
      for (const persona of MATRIX_PERSONAS.filter((p) => !rule!.allowed.includes(p))) {
        const before = databaseFingerprint();
        const outcome = await target.call(persona);
        expect(outcome.kind, `${target.entry} as ${persona} must be refused (${outcome.detail})`).toBe("refused");
        expect(databaseFingerprint(), `${target.entry} as ${persona} changed the database`).toEqual(before);
        covered.add(`${target.entry}|${persona}`);
      }
      for (const persona of perform ?? rule!.allowed) await performAs(target, persona);
    }
    async function performAs(target: { entry: string; call: (p: Persona) => Promise<Outcome> }, persona: Persona) {
      expect(AUTHORIZATION_TABLE[target.entry]!.allowed, `${target.entry}: ${persona} is not allowed by the table`).toContain(persona);
      const outcome = await target.call(persona);
      expect(outcome.kind, `${target.entry} as ${persona} must succeed (${outcome.detail})`).toBe("ok");
      covered.add(`${target.entry}|${persona}`);
    }

    const REPORT = "app/(staff)/staff/reports/[id]/actions.ts";
    const REVIEW = "app/(staff)/staff/reports/[id]/review/actions.ts";
    const editorPage = `/staff/reports/${R}/sections/overview`;
    const reviewPage = `/staff/reports/${R}/review`;
    const status = () => queryOne<{ status: string }>("select status from reports where id = ?", R)!.status;

    // ---- Drafting (report A is a complete draft) ----
    await prove(action(REPORT, "touchPresenceAction", editorPage, () => [R, "overview"]));
    await prove(action(REPORT, "checkCopiedTextAction", editorPage, () => [R, { sectionKey: "overview", html: "<p>矩阵测试：雷同检查</p>" }]));

    // Saves keep the section's text (a one-line 总体情况 would be a thin-section warning, X-6, at submission).
    const overviewText = queryOne<{ html: string }>("select html from report_sections where report_id = ? and key = 'overview'", R)!.html;
    const autosave = {
      entry: "PUT app/api/reports/[id]/sections/[key]/route.ts",
      async call(persona: Persona): Promise<Outcome> {
        const baseVersion = queryOne<{ version: number }>("select version from report_sections where report_id = ? and key = 'overview'", R)!.version;
        const send = (request: APIRequestContext) =>
          request.put(`/api/reports/${R}/sections/overview`, {
            headers: { Origin: world.baseURL },
            data: { baseVersion, html: `<p>矩阵测试：${persona} 的保存</p>${overviewText}` },
            maxRedirects: 0,
          });
        if (persona === "anonymous") {
          const bare = await routeOutcome(await send(world.noCookie));
          if (bare.kind !== "refused") return bare;
        }
        return routeOutcome(await send(world.request[persona]));
      },
    };
    await prove(autosave);
    // 从 Word 导入, confirmed: section 六 replaced by the township fixture's (it still names 信息处理费).
    const wordImport = {
      entry: "POST app/(staff)/staff/reports/[id]/import-word/upload/route.ts",
      async call(persona: Persona): Promise<Outcome> {
        const send = (request: APIRequestContext) =>
          request.post(`/staff/reports/${R}/import-word/upload`, {
            headers: { Origin: world.baseURL },
            multipart: { file: { name: "township-report.docx", mimeType: DOCX_TYPE, buffer: fs.readFileSync(WORD_FIXTURE) }, confirm: "1", parts: "other" },
            maxRedirects: 0,
          });
        if (persona === "anonymous") {
          const bare = await routeOutcome(await send(world.noCookie));
          if (bare.kind !== "refused") return bare;
        }
        return routeOutcome(await send(world.request[persona]));
      },
    };
    await prove(wordImport);
    const revisionId = () => queryOne<{ id: number }>(
        "select r.id from section_revisions r join report_sections s on s.id = r.section_id where s.report_id = ? and s.key = 'overview' order by r.id desc limit 1",
        R,
      )!.id;
    await prove(action(REPORT, "restoreRevisionAction", editorPage, () => [R, "overview", revisionId()]));
    await prove(action(REPORT, "updateReportTitleAction", editorPage, () => [R, { title: "矩阵甲镇2024年政府信息公开工作年度报告（修改）" }]));
    await prove(action(REPORT, "setSectionCompletedAction", editorPage, () => [R, "overview", true]));

    // ---- 汇总: report A is a township's draft; a township sums nothing, so everyone is refused ----
    const SUMMATION = "app/(staff)/staff/reports/[id]/summation/actions.ts";
    const summationPage = `/staff/reports/${R}/summation`;
    await prove(action(SUMMATION, "startSummationAction", summationPage, () => [R]));
    await prove(action(SUMMATION, "saveOwnFiguresAction", summationPage, () => [R, { tables: {} }]));
    await prove(action(SUMMATION, "markUnitAbsentAction", summationPage, () => [R, { unitId: world.unitA, note: "矩阵测试：暂缺" }]));
    await prove(action(SUMMATION, "clearUnitAbsentAction", summationPage, () => [R, world.unitA]));
    await prove(action(SUMMATION, "sumReportAction", summationPage, () => [R, {}]));

    // ---- Submission and review ----
    const submit = action(REVIEW, "submitReportAction", `/staff/reports/${R}/submit`, () => [R, {}]);
    await prove(submit);
    expect(status()).toBe("submitted");

    const approve = action(REVIEW, "approveReportAction", reviewPage, () => [R, { opinion: "同意发布。", writtenOn: "2025-01-20" }]);
    await prove(approve, []); // refusals while it could be approved; leader A approves below
    await prove(action(REVIEW, "addCommentAction", reviewPage, () => [R, { sectionKey: "overview", body: "请补充数据来源。" }]));
    const commentId = () => queryOne<{ id: number }>("select id from review_comments where report_id = ? and resolved_at is null order by id desc limit 1", R)!.id;
    await prove(action(REVIEW, "resolveCommentAction", reviewPage, () => [R, commentId()]));
    await prove(action(REVIEW, "returnReportAction", reviewPage, () => [R, { reason: "请补充数据来源后再提交。" }]));
    expect(status()).toBe("returned");

    await performAs(submit, "clerkA");
    await performAs(approve, "leaderA");
    expect(status()).toBe("approved");

    // ---- Publication ----
    const publish = action(REVIEW, "publishReportAction", reviewPage, () => [R, { scheduleAt: "2099-01-01T09:00", changeNote: "" }]);
    await prove(publish);
    expect(status()).toBe("scheduled");
    await prove(action(REVIEW, "cancelScheduleAction", reviewPage, () => [R]));
    expect(status()).toBe("approved");
    const publishNow = action(REVIEW, "publishReportAction", reviewPage, () => [R, { scheduleAt: "", changeNote: "" }]);
    await performAs(publishNow, "leaderA");
    expect(status()).toBe("published");
    await prove(action(REVIEW, "startCorrectionAction", reviewPage, () => [R]));
    await prove(action(REVIEW, "withdrawReportAction", reviewPage, () => [R, { reason: "数据有误，核实后重新发布。" }]));
    expect(queryOne<{ n: number }>("select count(*) as n from reports where id = ? and withdrawn_at is not null", R)!.n).toBe(1);

    // ---- Inbox ----
    const notification = insertNotification({ userId: world.userId.leaderA, reportId: R, message: "矩阵测试通知" });
    await prove(action("app/(staff)/staff/inbox/actions.ts", "markNotificationReadAction", "/staff/inbox", () => [notification]));
    for (const persona of ["clerkA", "clerkB", "leaderA", "leaderB", "admin"] as const) {
      insertNotification({ userId: world.userId[persona], message: "矩阵测试通知" });
    }
    await prove(action("app/(staff)/staff/inbox/actions.ts", "markAllNotificationsReadAction", "/staff/inbox", () => []));

    // ---- A new year's report (each clerk for their own unit) ----
    await prove(action("app/(staff)/staff/actions.ts", "createNextYearReportAction", "/staff", () => []));
    expect(queryOne<{ n: number }>("select count(*) as n from reports where unit_id = ? and year = 2025", world.unitA)!.n).toBe(1);

    // ---- 报送单位名单: a township has no units below it; nobody in the matrix may save a list ----
    await prove(
      action("app/(staff)/staff/reporting-list/actions.ts", "saveReportingListAction", "/staff/reporting-list", () => [
        { year: 2024, entries: [{ unitId: world.unitA, included: false, reason: "垂直管理" }] },
      ]),
    );

    // ---- 备案: report A filed with its county, before and after publication; no matrix persona decides ----
    const fileWithCounty = (mode: string) => {
      const db = openTestDb();
      try {
        const county = queryOne<{ parent_id: number }>("select parent_id from units where id = ?", world.unitA)!.parent_id;
        return Number(
          db
            .prepare("insert into report_filings (report_id, supervisor_id, mode, edition, document, status, filed_at) values (?, ?, ?, ?, '{}', 'pending', ?)")
            .run(R, county, mode, mode === "after_publication" ? 1 : null, Date.now()).lastInsertRowid,
        );
      } finally {
        db.close();
      }
    };
    const FILINGS = "app/(staff)/staff/filings/actions.ts";
    const filedBefore = fileWithCounty("before_publication");
    const filedAfter = fileWithCounty("after_publication");
    await prove(action(FILINGS, "acceptFilingAction", "/staff/filings", () => [filedBefore, { note: "" }]));
    await prove(action(FILINGS, "returnFilingAction", "/staff/filings", () => [filedBefore, { reason: "请补充说明。" }]));
    await prove(action(FILINGS, "acknowledgeFilingAction", "/staff/filings", () => [filedAfter, { note: "" }]));
    expect(queryOne<{ n: number }>("select count(*) as n from report_filings where report_id = ? and status = 'pending'", R)!.n).toBe(2);

    // Staff of supervising units, beyond the six personas: the county's leader reads filings but
    // decides none; the county's clerk decides filings but edits no township's report; another
    // county's clerk decides nothing filed with this county. Each refused, nothing changed.
    const signedIn = async (role: "clerk" | "leader", unitShortName: string) => {
      const username = uniqueUsername(`matrix.${role}`);
      await insertUser({ username, password: PASSWORD, role, unitShortName });
      const context = await browser.newContext({ baseURL });
      await signInAs(await context.newPage(), username, PASSWORD);
      return context.request;
    };
    const countyShort = queryOne<{ s: string }>("select c.short_name as s from units t join units c on c.id = t.parent_id where t.id = ?", world.unitA)!.s;
    const countyLeader = await signedIn("leader", countyShort);
    const countyClerk = await signedIn("clerk", countyShort);
    const otherCountyClerk = await signedIn("clerk", "东山县");
    const draft = queryOne<{ id: number }>("select id from reports where unit_id = ? and year = 2025", world.unitA)!.id;
    const refusedTo = async (request: APIRequestContext, file: string, name: string, page: string, args: unknown[]) => {
      const before = databaseFingerprint();
      const outcome = await actionOutcome(await callServerAction(request, page, serverActionId(file, name), args, world.baseURL));
      expect(outcome.kind, `${name} must be refused (${outcome.detail})`).toBe("refused");
      expect(databaseFingerprint(), `${name} changed the database`).toEqual(before);
    };
    await refusedTo(countyLeader, FILINGS, "acceptFilingAction", "/staff/filings", [filedBefore, { note: "" }]);
    await refusedTo(countyLeader, FILINGS, "returnFilingAction", "/staff/filings", [filedBefore, { reason: "请补充说明。" }]);
    await refusedTo(countyLeader, FILINGS, "acknowledgeFilingAction", "/staff/filings", [filedAfter, { note: "" }]);
    await refusedTo(otherCountyClerk, FILINGS, "acceptFilingAction", "/staff/filings", [filedBefore, { note: "" }]);
    await refusedTo(otherCountyClerk, FILINGS, "acknowledgeFilingAction", "/staff/filings", [filedAfter, { note: "" }]);
    const draftEditor = `/staff/reports/${draft}/sections/overview`;
    await refusedTo(countyClerk, REPORT, "updateReportTitleAction", draftEditor, [draft, { title: "县里改的标题" }]);
    await refusedTo(countyClerk, REPORT, "setSectionCompletedAction", draftEditor, [draft, "overview", true]);

    // ---- Administration (targets: a throwaway unit and user) ----
    const UNITS = "app/(staff)/staff/admin/units/actions.ts";
    const USERS = "app/(staff)/staff/admin/users/actions.ts";
    const county = String(queryOne<{ id: number }>("select id from units where kind = 'county' limit 1")!.id);
    const unitInput = (serial: number) => {
      const body = `MTRX${String(serial).padStart(4, "0")}`;
      return { name: `矩阵${serial}单位`, shortName: `矩阵${serial}`, kind: "department", parentId: county, orgCode: body + orgCodeCheckChar(body), reportDeadline: "01-31" };
    };
    await prove(action(UNITS, "createUnitAction", "/staff/admin/units/new", () => [unitInput(1)]));
    const targetUnit = queryOne<{ id: number }>("select id from units where short_name = '矩阵1'")!.id;
    await prove(action(UNITS, "updateUnitAction", `/staff/admin/units/${targetUnit}`, () => [targetUnit, { ...unitInput(1), name: "矩阵1单位（更名）" }]));
    await prove(action(UNITS, "setUnitActiveAction", `/staff/admin/units/${targetUnit}`, () => [targetUnit, false]));

    const newUsername = uniqueUsername("matrix.new");
    await prove(action(USERS, "createUserAction", "/staff/admin/users/new", () => [{ username: newUsername, displayName: "矩阵新用户", role: "clerk", unitId: String(world.unitA) }]));
    const target = queryOne<{ id: number }>("select id from users where username = ?", newUsername)!.id;
    const userPage = `/staff/admin/users/${target}`;
    await prove(action(USERS, "updateUserAction", userPage, () => [target, { displayName: "矩阵新用户（改）", role: "leader", unitId: String(world.unitA) }]));
    await prove(action(USERS, "resetUserPasswordAction", userPage, () => [target]));
    await prove(action(USERS, "unlockUserAction", userPage, () => [target]));
    await prove(action(USERS, "setUserActiveAction", userPage, () => [target, false]));

    // ---- One's own account: change password (then keep using the new session), sign out ----
    await prove(
      action("app/(auth)/change-password/actions.ts", "changePasswordAction", "/change-password", () => [
        { currentPassword: PASSWORD, newPassword: "Juzhen#Ceshi-2026", confirmPassword: "Juzhen#Ceshi-2026" },
      ]),
    );
    const openSessions = (userId: number) =>
      queryOne<{ n: number }>("select count(*) as n from auth_sessions where user_id = ? and ended_at is null", userId)!.n;
    // Signing out answers everyone with a redirect to the sign-in page; what differs is whose
    // session ends: nobody's for the anonymous caller, only the caller's own otherwise.
    const signOut = action("app/(staff)/staff/actions.ts", "signOutAction", "/staff", () => []);
    const before = databaseFingerprint();
    await signOut.call("anonymous");
    expect(databaseFingerprint(), "an anonymous sign-out changed the database").toEqual(before);
    covered.add(`${signOut.entry}|anonymous`);
    for (const persona of ["clerkA", "clerkB", "leaderA", "leaderB", "admin"] as const) {
      const othersBefore = Object.entries(world.userId).filter(([p]) => p !== persona).map(([, id]) => openSessions(id));
      expect(openSessions(world.userId[persona])).toBeGreaterThan(0);
      await signOut.call(persona);
      expect(openSessions(world.userId[persona]), `${persona}'s own session ended`).toBe(0);
      const othersAfter = Object.entries(world.userId).filter(([p]) => p !== persona).map(([, id]) => openSessions(id));
      expect(othersAfter, "nobody else's session ended").toEqual(othersBefore);
      covered.add(`${signOut.entry}|${persona}`);
    }

    // Every cell of the table was exercised: each listed persona of each entry.
    const missing = Object.entries(AUTHORIZATION_TABLE)
      .filter(([, rule]) => !rule.provenElsewhere)
      .flatMap(([entry]) => MATRIX_PERSONAS.map((persona) => `${entry}|${persona}`))
      .filter((cell) => !covered.has(cell));
    expect(missing, "cells of the role table the matrix never called").toEqual([]);
  });

  test("the role table names every server action and mutating route handler, and nothing else", () => {
    const actions = serverActionEntries().map((e) => `${e.filename}#${e.exportedName}`);
    const routes = mutatingRouteHandlers();
    const discovered = new Set([...actions, ...routes]);
    const unlisted = [...discovered].filter((key) => !(key in AUTHORIZATION_TABLE));
    expect(unlisted, "server actions or routes the role table does not mention").toEqual([]);
    const stale = Object.keys(AUTHORIZATION_TABLE).filter((key) => !discovered.has(key));
    expect(stale, "role table entries with no action or route behind them").toEqual([]);
    // The discovery itself works: it finds the actions and routes we know exist.
    expect(actions.length).toBeGreaterThan(20);
    expect(routes).toContain("PUT app/api/reports/[id]/sections/[key]/route.ts");
  });
});

/** Route handlers exporting a method that changes state, found in the source (`METHOD file`). */
function mutatingRouteHandlers(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js)$/.test(entry.name)) {
        const source = fs.readFileSync(full, "utf8");
        for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
          const exported = new RegExp(`export\\s+(async\\s+function\\s+${method}\\b|const\\s+${method}\\b|(const\\s+)?\\{[^}]*\\b${method}\\b[^}]*\\})`);
          if (exported.test(source)) found.push(`${method} ${path.relative(process.cwd(), full)}`);
        }
      }
    }
  };
  walk(path.join(process.cwd(), "app"));
  return found;
}
