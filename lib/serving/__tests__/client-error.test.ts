import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECURITY_HEADERS } from "@/lib/security-headers";
import { answerClientError } from "../client-error";

/**
 * A raw exchange with the server: what a client that sends `request` (in pieces, a moment
 * apart, as a slow network delivers it) reads back until the server closes.
 */
function exchange(port: number, request: string, pieces = 1): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => socket.end());
    socket.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
    const size = Math.ceil(request.length / pieces);
    const send = (i: number) => {
      if (i >= pieces || socket.destroyed) return;
      socket.write(request.slice(i * size, (i + 1) * size));
      setTimeout(() => send(i + 1), 20);
    };
    send(0);
  });
}

function headersOf(response: string): Record<string, string> {
  const head = response.slice(0, response.indexOf("\r\n\r\n"));
  return Object.fromEntries(
    head
      .split("\r\n")
      .slice(1)
      .map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
  );
}

describe("requests Node's parser refuses get the usual headers and a Chinese page (issue 12)", () => {
  const server = http.createServer((_req, res) => res.end("ok"));
  server.on("clientError", answerClientError);
  let port = 0;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("a /search URL over the header limit gets 431 with the security headers and 请求地址过长", async () => {
    const response = await exchange(port, `GET /search?q=${"%E5%B9%B4".repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expect(response.startsWith("HTTP/1.1 431 ")).toBe(true);
    const headers = headersOf(response);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers[name.toLowerCase()], name).toBe(value);
    expect(headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(headers["connection"]).toBe("close");
    const body = response.slice(response.indexOf("\r\n\r\n") + 4);
    expect(Buffer.byteLength(body)).toBe(Number(headers["content-length"]));
    expect(body).toContain("请求地址过长");
    expect(body).toContain('<a href="/">返回首页</a>');
    expect(body).toContain('<a href="/search">');
  });

  it("a long request arriving in pieces still gets its answer, not a reset connection", async () => {
    const response = await exchange(port, `GET /search?q=${"%E9%9D%92".repeat(30_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`, 40);
    expect(response.startsWith("HTTP/1.1 431 ")).toBe(true);
    expect(response).toContain("请求地址过长");
  });

  it("a kept-alive connection that answered a request before gets its answer too", async () => {
    const response = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1");
      let received = "";
      socket.on("data", (chunk) => {
        const first = received === "";
        received += chunk.toString("utf8");
        // The second request goes out once the first is answered, on the same connection.
        if (first) socket.write(`GET /search?q=${"%E9%9D%92".repeat(10_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
      });
      socket.on("error", reject);
      socket.on("end", () => socket.end());
      socket.on("close", () => resolve(received));
      socket.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    });
    expect(response.startsWith("HTTP/1.1 200 ")).toBe(true);
    expect(response).toContain("HTTP/1.1 431 ");
    expect(response).toContain("请求地址过长");
  });

  it("a malformed request gets 400 with the same treatment", async () => {
    const response = await exchange(port, "GARBAGE\r\n\r\n");
    expect(response.startsWith("HTTP/1.1 400 ")).toBe(true);
    expect(headersOf(response)["content-security-policy"]).toBe(SECURITY_HEADERS["Content-Security-Policy"]);
    expect(response).toContain("请求无效");
  });

  it("a well-formed request still reaches the handler", async () => {
    const response = await exchange(port, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    expect(response.startsWith("HTTP/1.1 200 ")).toBe(true);
  });
});
