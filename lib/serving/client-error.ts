/**
 * Answers a request Node's HTTP parser refused before any handler saw it (`clientError`): a
 * request line or headers over Node's limit (HPE_HEADER_OVERFLOW, e.g. a very long /search URL)
 * get 431, any other malformed request 400 — each with the usual security headers and a short
 * Chinese page instead of Node's bare status line, then the connection is closed.
 */
import type { Duplex } from "node:stream";
import { SECURITY_HEADERS } from "../security-headers";

interface ClientErrorPage {
  status: number;
  reason: string;
  title: string;
  explanation: string;
}

const HEADERS_TOO_LARGE: ClientErrorPage = {
  status: 431,
  reason: "Request Header Fields Too Large",
  title: "请求地址过长",
  explanation: "您访问的地址或附带的信息过长，服务器无法处理。请缩短搜索内容后重试。",
};

const BAD_REQUEST: ClientErrorPage = {
  status: 400,
  reason: "Bad Request",
  title: "请求无效",
  explanation: "服务器无法识别这个请求。请从首页重新进入。",
};

/** The page for a parser error code (`HPE_…`). */
export function clientErrorPage(code: string | undefined): ClientErrorPage {
  return code === "HPE_HEADER_OVERFLOW" ? HEADERS_TOO_LARGE : BAD_REQUEST;
}

function htmlOf(page: ClientErrorPage): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${page.title}</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.7">
<h1>${page.title}</h1>
<p>${page.explanation}</p>
<p><a href="/">返回首页</a> · <a href="/search">重新搜索</a></p>
</body>
</html>
`;
}

/** The whole HTTP response, written straight to the socket (there is no response object yet). */
export function clientErrorResponse(code: string | undefined): string {
  const page = clientErrorPage(code);
  const body = htmlOf(page);
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Content-Length": String(Buffer.byteLength(body)),
    Connection: "close",
  };
  const lines = [`HTTP/1.1 ${page.status} ${page.reason}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return `${lines.join("\r\n")}\r\n\r\n${body}`;
}

/** Connections already answered: the parser reports the rest of a refused request as more errors. */
const answered = new WeakSet<Duplex>();

/** How long an answered connection may stay open for the client to read the answer and close. */
const LINGER_MS = 10_000;

/** The `clientError` listener: `server.on("clientError", answerClientError)`. */
export function answerClientError(error: Error & { code?: string }, socket: Duplex & { _httpMessage?: { headersSent?: boolean } | null }): void {
  // The rest of a refused request keeps arriving (and is read and discarded, so that closing does
  // not reset the connection before the client has read the answer): nothing more to say.
  if (answered.has(socket)) return;
  // As Node's own handler: answer unless a response on this connection is under way (a kept-alive
  // connection that already answered earlier requests gets its answer too). `_httpMessage` is
  // Node's own link from the socket to the response it is writing.
  const responseUnderWay = socket._httpMessage?.headersSent === true;
  if (error.code !== "ECONNRESET" && socket.writable && !responseUnderWay) {
    answered.add(socket);
    socket.end(clientErrorResponse(error.code));
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
    return;
  }
  socket.destroy(error);
}
