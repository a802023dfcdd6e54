/**
 * The full-text index of what citizens can read: one row per live (published, not withdrawn)
 * report, replaced at every publication and removed at withdrawal.
 */
import { sql } from "drizzle-orm";
import type { ReportDocument } from "@/lib/interchange";
import { htmlToParagraphs } from "@/lib/rules";
import type { Db } from "./client";

export function plainTextOf(doc: ReportDocument): string {
  const parts = doc.sections.flatMap((s) => [s.heading, ...htmlToParagraphs(s.html)]);
  for (const a of doc.attachments) parts.push(a.title, ...a.rows.map((r) => r.join(" ")));
  return parts.filter(Boolean).join("\n");
}

export function indexReportForSearch(db: Db, reportId: number, doc: ReportDocument, unitName: string): void {
  removeFromSearch(db, reportId);
  db.run(sql`insert into search_documents (report_id, title, unit, body) values (${reportId}, ${doc.title}, ${unitName}, ${plainTextOf(doc)})`);
}

export function removeFromSearch(db: Db, reportId: number): void {
  db.run(sql`delete from search_documents where report_id = ${reportId}`);
}
