/**
 * No code path deletes audit rows except the retention pruning: scans the application's sources
 * (tests excluded) for a drizzle `delete(auditLog)` or an SQL `DELETE FROM audit_log`.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SCANNED = ["app", "lib", "db", "scripts", "components", "proxy.ts"];
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|sql)$/;
const ALLOWED_FILE = "db/audit-retention.ts";
const ALLOWED_FUNCTION = "pruneAuditLog";

/** `delete(auditLog)`, `tx.delete( schema.auditLog )`, `DELETE FROM audit_log`, `delete from "audit_log"` … */
const DELETES = [/\bdelete\s*\(\s*(?:[\w$]+\s*\.\s*)*auditLog\b/gi, /\bdelete\s+from\s+(?:main\s*\.\s*)?["'`[]?audit_log\b/gi];

function auditDeletesIn(text: string): number[] {
  return DELETES.flatMap((re) => [...text.matchAll(re)].map((m) => m.index!));
}

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return SOURCE.test(entry) ? [entry] : [];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((d) => d.name !== "node_modules" && d.name !== "__tests__" && !/\.test\.[cm]?[jt]sx?$/.test(d.name))
    .flatMap((d) => sourceFiles(path.join(entry, d.name)));
}

/** The character range of `export [async] function pruneAuditLog(…) { … }`. */
function functionRange(text: string, name: string): [number, number] {
  const start = text.search(new RegExp(`export (?:async )?function ${name}\\(`));
  if (start < 0) throw new Error(`${name} not found`);
  const end = text.indexOf("\n}\n", start);
  return [start, end];
}

describe("who deletes audit rows", () => {
  it("recognises the ways of writing a delete", () => {
    const samples = [
      "db.delete(auditLog).run()",
      "tx.delete( schema.auditLog ).where(x)",
      "await db().delete(auditLog)",
      "prepare('DELETE FROM audit_log WHERE id = 1')",
      'exec(`delete  from\n "audit_log"`)',
      "delete from main.audit_log",
    ];
    for (const sample of samples) expect(auditDeletesIn(sample), sample).toHaveLength(1);
    expect(auditDeletesIn("db.delete(auditLogins); delete from audit_logbook; CREATE TRIGGER t BEFORE DELETE ON audit_log")).toEqual([]);
  });

  it("only pruneAuditLog in db/audit-retention.ts deletes from audit_log", () => {
    const files = SCANNED.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100); // the scan really reads the sources
    const offenders: string[] = [];
    let allowed = 0;
    for (const file of files) {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      const hits = auditDeletesIn(text);
      if (hits.length === 0) continue;
      if (file.split(path.sep).join("/") === ALLOWED_FILE) {
        const [start, end] = functionRange(text, ALLOWED_FUNCTION);
        for (const at of hits) {
          if (at > start && at < end) allowed++;
          else offenders.push(`${file} (outside ${ALLOWED_FUNCTION})`);
        }
      } else {
        offenders.push(file);
      }
    }
    expect(offenders).toEqual([]);
    expect(allowed).toBe(2); // its statement for SQLite and the one for PostgreSQL
  });
});
