import "server-only";
import { now } from "@/lib/clock";
import { requireReadableReport } from "./report-access";

/**
 * Who has a section open right now — advisory only (「某某 正在编辑此节」), so it lives in this
 * server process's memory: losing it on restart costs nothing, and it adds no database writes.
 */
const PRESENCE_TTL_MS = 45_000;
const presence = new Map<string, Map<number, { name: string; at: number }>>();

/** Notes that the viewer has the section open and returns the other people who do. */
export async function touchSectionPresence(reportId: number, sectionKey: string): Promise<string[]> {
  const { report, viewer } = await requireReadableReport(reportId);
  const key = `${report.id}:${sectionKey.slice(0, 64)}`;
  const at = now().getTime();
  const people = presence.get(key) ?? new Map<number, { name: string; at: number }>();
  people.set(viewer.userId, { name: viewer.displayName, at });
  presence.set(key, people);
  const others: string[] = [];
  for (const [userId, entry] of people) {
    if (at - entry.at > PRESENCE_TTL_MS) people.delete(userId);
    else if (userId !== viewer.userId) others.push(entry.name);
  }
  return others;
}
