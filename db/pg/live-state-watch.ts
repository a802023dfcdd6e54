/**
 * The report page's live state on PostgreSQL, kept in the process instead of asked for on every
 * request (issue 17: on SQLite the query costs about 10 µs in-process; on PostgreSQL a round
 * trip costs the cached page most of its speed).
 *
 * A state read is reused until either
 * - PostgreSQL says something a report page shows changed: migration 0006's triggers NOTIFY
 *   `nianbao_live_state` when a publication, correction, withdrawal, new report, unit name or
 *   原文 file commits, and this process LISTENs on a connection of its own and forgets every
 *   state it holds (such changes are rare; views do not notify). The notification arrives a
 *   moment after the commit, so a reader who follows a leader's publication sees it; or
 * - it is a second old: the stored 浏览量 also grows by the other processes' views (each adds its
 *   own about once a second), so the page shows them a second or two later — as on SQLite.
 * This process's own view writes forget the states they changed (`forget`).
 *
 * While the listening connection is down (PostgreSQL restarted, the connection killed), nothing
 * is reused: every request asks, as before, and the connection is made again every few seconds.
 */
import pg from "pg";
import type { LiveState } from "../report-live-state";

export const LIVE_STATE_CHANNEL = "nianbao_live_state";

export interface WatchOptions {
  /** How long a state read is reused at most (ms). */
  freshForMs?: number;
  /** How long to wait before listening again after the connection was lost (ms). */
  reconnectAfterMs?: number;
  /** The most states kept (beyond it, all are forgotten: a crawler walking every report). */
  maxStates?: number;
  onError?: (error: unknown) => void;
  now?: () => number;
}

export class WatchedLiveStates {
  private readonly known = new Map<number, { state: LiveState; readAt: number }>();
  /** Counts the forgettings: a read that began before one is not kept. */
  private generation = 0;
  private client: pg.Client | null = null;
  private listening = false;
  private stopped = false;
  private readonly freshForMs: number;
  private readonly reconnectAfterMs: number;
  private readonly maxStates: number;
  private readonly now: () => number;

  constructor(
    private readonly read: (reportId: number) => Promise<LiveState | undefined>,
    private readonly url: string,
    private readonly options: WatchOptions = {},
  ) {
    this.freshForMs = options.freshForMs ?? 1_000;
    this.reconnectAfterMs = options.reconnectAfterMs ?? 3_000;
    this.maxStates = options.maxStates ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  /** Starts listening (resolves once LISTEN is in place, or the first attempt failed). */
  async start(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url });
    this.client = client;
    const lost = (error?: unknown) => {
      if (this.client !== client) return;
      this.client = null;
      this.listening = false;
      this.forgetAll();
      if (error) this.options.onError?.(error);
      client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.start(), this.reconnectAfterMs).unref();
    };
    client.on("notification", () => this.forgetAll());
    client.on("error", lost);
    client.on("end", () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_STATE_CHANNEL}`);
      if (this.client === client) {
        this.forgetAll(); // anything read before listening began is not trusted
        this.listening = true;
      }
    } catch (error) {
      lost(error);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** Whether states are being reused (the listening connection is up). */
  get isListening(): boolean {
    return this.listening;
  }

  /** The report's live state: synchronously when a fresh one is held, else read (a promise). */
  get(reportId: number): LiveState | undefined | Promise<LiveState | undefined> {
    if (this.listening) {
      const held = this.known.get(reportId);
      if (held && this.now() - held.readAt < this.freshForMs) return held.state;
    }
    const generation = this.generation;
    const readAt = this.now();
    return this.read(reportId).then((state) => {
      if (state && this.listening && generation === this.generation) {
        if (this.known.size >= this.maxStates) this.known.clear();
        this.known.set(reportId, { state, readAt });
      }
      return state;
    });
  }

  /** Forgets these reports' states (this process has just written their views). */
  forget(reportIds: Iterable<number>): void {
    this.generation++;
    for (const id of reportIds) this.known.delete(id);
  }

  private forgetAll(): void {
    this.generation++;
    this.known.clear();
  }
}
