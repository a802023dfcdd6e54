/**
 * The report page's live state on SQLite, kept in a front process instead of read on every
 * request (issue 11: the live-state query, with its three subqueries, was about a fifth of what
 * a front spends on a cached page).
 *
 * A state read is reused while `PRAGMA data_version` on this connection is unchanged: SQLite
 * changes it whenever another connection — another process's, or Next.js's in this process —
 * commits to the database, so a publication, correction, withdrawal, unit change, 原文 file or
 * another process's flushed views makes every kept state be read again on its next request. The
 * pragma reads a counter in the shared memory of the WAL: one cheap statement per request.
 *
 * What this connection commits itself does not change data_version. So this is only for a
 * connection that writes nothing but its own view counts, and those forget the states they
 * changed (`forget`) — a front process, whose only job is the view flush (lib/serving/front.ts).
 */
import type { Db } from "./client";
import type { LiveState } from "./report-live-state";

/** Beyond this many states kept, all are forgotten (a crawler walking every report id). */
const MAX_STATES = 100_000;

export class SqliteKeptLiveStates {
  private readonly known = new Map<number, LiveState | undefined>();
  private readonly dataVersion: () => number;
  private version = -1;

  constructor(
    db: Db,
    private readonly read: (reportId: number) => LiveState | undefined,
  ) {
    const statement = db.$client.prepare("pragma data_version").pluck();
    this.dataVersion = () => statement.get() as number;
  }

  get(reportId: number): LiveState | undefined {
    const version = this.dataVersion();
    if (version !== this.version) {
      this.known.clear();
      this.version = version;
    }
    if (this.known.has(reportId)) return this.known.get(reportId);
    const state = this.read(reportId);
    if (this.known.size >= MAX_STATES) this.known.clear();
    this.known.set(reportId, state);
    return state;
  }

  /** Forgets the states this connection's own writes changed (its view counts). */
  forget(reportIds: Iterable<number>): void {
    for (const reportId of reportIds) this.known.delete(reportId);
  }
}
