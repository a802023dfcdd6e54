/**
 * One log line per HTTP request (lib/serving/pipeline.ts): request id, method, URL, status, duration,
 * client IP and, when the request carried a valid session, the user id.
 *
 * Never logged: request bodies (sign-in passwords, report text), headers (cookies, the session
 * token), and query values that could carry a secret — only the values of known, harmless
 * query parameters appear; any other parameter is logged as `name=[redacted]`. That includes
 * `callbackUrl`: it is an arbitrary URL chosen by whoever built the link, so it may carry
 * anything.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import type { Logger } from "pino";
import { now as clockNow } from "../clock";
import { sessionInvalidity, type SessionOwner, type SessionPolicy, type StoredSession } from "../lockout";
import { SESSION_COOKIE, sessionCookieFrom } from "../session-cookie";
import { parseCookies } from "./view-counting";

/** Query parameters whose values are logged: the public filters and the UI's own flags. */
const LOGGED_QUERY_PARAMS = new Set(["q", "year", "unit", "page", "size", "elder", "edition", "kind", "status", "saved", "passwordChanged", "error", "_rsc"]);
const MAX_PATH = 300;
const MAX_VALUE = 100;

/** An incoming X-Request-Id is kept only if it is a short plain token (e.g. nginx's $request_id). */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{7,63}$/;

/** Generated ids: random per process start, then a counter (cheaper than a UUID per request). */
const BOOT_ID = randomBytes(6).toString("hex");
let sequence = 0;

export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === "string" && SANE_REQUEST_ID.test(header) ? header : `${BOOT_ID}-${(++sequence).toString(36)}`;
}

/**
 * The request's id without a log line (an app process behind fronts: the front logs the request
 * and sets X-Request-Id on the answer). The header is taken off the request as createRequestLogger does.
 */
export function takeRequestId(req: IncomingMessage): string {
  const reqId = requestIdFrom(req.headers["x-request-id"]);
  delete req.headers["x-request-id"];
  return reqId;
}

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);

/** The request target as logged: the path, and the query with only harmless values kept. */
export function loggableUrl(raw: string): string {
  const q = raw.indexOf("?");
  if (q < 0) return cut(raw, MAX_PATH);
  const parts: string[] = [];
  for (const [name, value] of new URLSearchParams(raw.slice(q + 1))) {
    parts.push(`${cut(name, 40)}=${LOGGED_QUERY_PARAMS.has(name) ? cut(value, MAX_VALUE) : "[redacted]"}`);
  }
  return `${cut(raw.slice(0, q), MAX_PATH)}${parts.length ? `?${parts.join("&")}` : ""}`;
}

type FoundSessionUser = { session: StoredSession; user: SessionOwner & { id: number } };

export interface SessionUserOptions {
  /** Decrypts a session cookie (next-auth's JWE, salted with the cookie name); null when invalid. */
  decode: (token: string, cookieName: string) => Promise<{ sid?: unknown; exp?: unknown } | null>;
  /** The stored session with its user (db/session-lookup.ts), read afresh for every request. */
  /** Synchronous on SQLite, a promise on PostgreSQL. */
  findSession: (sessionId: string) => FoundSessionUser | undefined | Promise<FoundSessionUser | undefined>;
  /** The idle and absolute limits (SESSION_IDLE_MINUTES, SESSION_MAX_HOURS). */
  policy: SessionPolicy;
  /** How many decoded cookies to remember (decrypting one costs about a millisecond). */
  maxEntries?: number;
  now?: () => number;
}

interface Decoded {
  sid: string | null;
  /** Expiry of the token in ms (next-auth's `exp`), after which it decodes to nothing. */
  expiresAt: number;
}

/**
 * Who made a request, for the log: the session id from the cookie (decrypted once per distinct
 * cookie value, then remembered in a small LRU), judged by the same rule as every staff request
 * (`sessionInvalidity`, as in lib/data/session.ts), so an ended, expired or revoked session logs
 * no user. Unlike a staff request, the log never ends a session: it only reads.
 */
export class SessionUsers {
  private readonly cache = new Map<string, Decoded>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: SessionUserOptions) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.now = options.now ?? (() => clockNow().getTime());
  }

  /** The user id (synchronously when the cookie is known), or null when nobody is signed in. */
  resolve(cookieHeader: string | undefined): number | null | Promise<number | null> {
    if (!cookieHeader || !cookieHeader.includes(SESSION_COOKIE)) return null;
    const cookies = parseCookies(cookieHeader);
    const cookie = sessionCookieFrom((name) => cookies.get(name));
    if (!cookie) return null;
    const known = this.cache.get(cookie.value);
    if (known && known.expiresAt > this.now()) {
      this.cache.delete(cookie.value); // most recently used goes last
      this.cache.set(cookie.value, known);
      return this.userOf(known.sid);
    }
    return this.decode(cookie.value, cookie.name).then((decoded) => this.userOf(decoded.sid));
  }

  private userOf(sid: string | null): number | null | Promise<number | null> {
    if (!sid) return null;
    try {
      const found = this.options.findSession(sid);
      return found instanceof Promise ? found.then((f) => this.validUser(f), () => null) : this.validUser(found);
    } catch {
      return null;
    }
  }

  private validUser(found: FoundSessionUser | undefined): number | null {
    if (!found || sessionInvalidity(found.session, found.user, new Date(this.now()), this.options.policy) !== null) return null;
    return found.user.id;
  }

  private async decode(token: string, name: string): Promise<Decoded> {
    const payload = await this.options.decode(token, name).catch(() => null);
    const sid = typeof payload?.sid === "string" ? payload.sid : null;
    const exp = typeof payload?.exp === "number" ? payload.exp * 1000 : this.now() + 60_000;
    const decoded = { sid, expiresAt: sid ? exp : this.now() + 60_000 };
    this.cache.set(token, decoded);
    if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    return decoded;
  }
}

export interface RequestLogEntry {
  reqId: string;
  method: string;
  url: string;
  status: number;
  durationMs: number;
  ip: string;
  userId?: number;
  aborted?: true;
}

interface RequestState {
  reqId: string;
  started: number;
  method: string;
  url: string;
  ip: string;
  user: number | null | Promise<number | null>;
}

const STATE = Symbol("nianbao.request-log");
const WRITE_HEAD = Symbol("nianbao.request-log.writeHead");
type LoggedResponse = ServerResponse & { [STATE]?: RequestState; [WRITE_HEAD]?: (...args: unknown[]) => ServerResponse };

/** The X-Request-Id goes out with the headers, however the response writes them. */
function writeHeadWithRequestId(this: LoggedResponse, ...args: unknown[]): ServerResponse {
  const reqId = this[STATE]!.reqId;
  // Headers passed to writeHead (the fast path's) get the id beside them: a setHeader first
  // would put Node.js on its slower path of merging every one of them.
  const last = args.length > 1 ? args[args.length - 1] : undefined;
  if (Array.isArray(last)) args[args.length - 1] = Array.isArray(last[0]) ? [...last, ["X-Request-Id", reqId]] : [...last, "X-Request-Id", reqId];
  else if (last && typeof last === "object") args[args.length - 1] = { ...last, "X-Request-Id": reqId };
  else if (!this.headersSent) this.setHeader("X-Request-Id", reqId);
  return this[WRITE_HEAD]!.apply(this, args);
}

/**
 * Gives the request an id (X-Request-Id, on the response too) and writes its log line when the
 * response is done (or the client went away). Nothing is allocated per request beyond its
 * state and the line: the listeners are shared (the public report page is served at several
 * thousand requests a second). Costs nothing beyond the header when the level is above info.
 */
export function createRequestLogger(logger: Logger, users: Pick<SessionUsers, "resolve">) {
  function write(res: LoggedResponse, state: RequestState, durationMs: number, userId: number | null): void {
    const entry: RequestLogEntry = { reqId: state.reqId, method: state.method, url: state.url, status: res.statusCode, durationMs, ip: state.ip };
    if (userId !== null) entry.userId = userId;
    if (!res.writableFinished) entry.aborted = true;
    if (res.statusCode >= 500) logger.error(entry);
    else logger.info(entry);
  }

  function onClose(this: LoggedResponse): void {
    const state = this[STATE]!;
    const durationMs = Math.round((performance.now() - state.started) * 10) / 10;
    if (state.user instanceof Promise) state.user.then((userId) => write(this, state, durationMs, userId), () => write(this, state, durationMs, null));
    else write(this, state, durationMs, state.user);
  }

  return function logRequest(req: IncomingMessage, response: ServerResponse, ip: string): string {
    const res = response as LoggedResponse;
    const reqId = requestIdFrom(req.headers["x-request-id"]);
    // Set when the headers go out, not before, and not passed on: when a server action
    // redirects, Next.js fetches the target from this server with the request's headers and
    // the response's headers so far, and that fetch is a request of its own, with its own id.
    delete req.headers["x-request-id"];
    const logging = logger.isLevelEnabled("info");
    res[STATE] = {
      reqId,
      started: logging ? performance.now() : 0,
      method: req.method ?? "",
      url: logging ? loggableUrl(req.url ?? "/") : "",
      ip,
      // Who asked is decided when the request arrives (a sign-out ends the session it carries).
      user: logging ? users.resolve(req.headers.cookie) : null,
    };
    res[WRITE_HEAD] = res.writeHead as (...args: unknown[]) => ServerResponse;
    res.writeHead = writeHeadWithRequestId as ServerResponse["writeHead"];
    if (logging) res.on("close", onClose);
    return reqId;
  };
}
