import { describe, expect, it } from "vitest";
import { crossSiteRefusal, declaresTooLargeBody, MAX_REQUEST_BODY_BYTES, requestHost } from "../csrf";

const host = "xxgk.example.gov.cn";

describe("which requests may change something (CSRF)", () => {
  it("lets safe methods through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(crossSiteRefusal(method, { origin: "https://evil.example", host, "sec-fetch-site": "cross-site" })).toBeNull();
    }
  });

  it.each(["POST", "PUT", "PATCH", "DELETE"])("%s: same-origin passes, foreign and opaque origins are refused", (method) => {
    expect(crossSiteRefusal(method, { origin: `https://${host}`, host })).toBeNull();
    expect(crossSiteRefusal(method, { origin: `https://${host}`, host, "sec-fetch-site": "same-origin" })).toBeNull();
    expect(crossSiteRefusal(method, { origin: "https://evil.example", host })).toBe("foreign origin");
    expect(crossSiteRefusal(method, { origin: "null", host })).toBe("opaque or malformed origin");
    expect(crossSiteRefusal(method, { origin: "not a url", host })).toBe("opaque or malformed origin");
    expect(crossSiteRefusal(method, { origin: "file://", host })).toBe("opaque or malformed origin");
    // A look-alike host or another port is another origin.
    expect(crossSiteRefusal(method, { origin: `https://${host}.evil.example`, host })).toBe("foreign origin");
    expect(crossSiteRefusal(method, { origin: `https://${host}:8443`, host })).toBe("foreign origin");
    expect(crossSiteRefusal(method, { origin: "https://example.gov.cn", host })).toBe("foreign origin");
  });

  it("accepts a missing Origin only when no browser says the request came from elsewhere", () => {
    expect(crossSiteRefusal("POST", { host })).toBeNull();
    expect(crossSiteRefusal("POST", { host, "sec-fetch-site": "same-origin" })).toBeNull();
    expect(crossSiteRefusal("POST", { host, "sec-fetch-site": "cross-site" })).toBe("sec-fetch-site cross-site");
    expect(crossSiteRefusal("POST", { host, "sec-fetch-site": "same-site" })).toBe("sec-fetch-site same-site");
    expect(crossSiteRefusal("POST", { host, "sec-fetch-site": "none" })).toBe("sec-fetch-site none");
    // Even a matching Origin does not outweigh the browser's own cross-site verdict.
    expect(crossSiteRefusal("POST", { origin: `https://${host}`, host, "sec-fetch-site": "cross-site" })).not.toBeNull();
  });

  it("JSON routes require an Origin", () => {
    expect(crossSiteRefusal("PUT", { host }, { requireOrigin: true })).toBe("missing origin");
    expect(crossSiteRefusal("PUT", { host, origin: "" }, { requireOrigin: true })).toBe("missing origin");
    expect(crossSiteRefusal("PUT", { host, origin: `http://${host}` }, { requireOrigin: true })).toBeNull();
  });

  it("compares with the proxy's X-Forwarded-Host when there is one", () => {
    expect(requestHost({ host: "127.0.0.1:3000", "x-forwarded-host": `${host}, other` })).toBe(host);
    expect(crossSiteRefusal("POST", { origin: `https://${host}`, host: "127.0.0.1:3000", "x-forwarded-host": host })).toBeNull();
    expect(crossSiteRefusal("POST", { origin: `https://${host}`, host: "127.0.0.1:3000" })).toBe("foreign origin");
    expect(crossSiteRefusal("POST", { origin: `https://${host}` })).toBe("foreign origin");
  });

  it("knows a declared body over 1 MB", () => {
    expect(declaresTooLargeBody(undefined)).toBe(false);
    expect(declaresTooLargeBody(String(MAX_REQUEST_BODY_BYTES))).toBe(false);
    expect(declaresTooLargeBody(String(MAX_REQUEST_BODY_BYTES + 1))).toBe(true);
    expect(declaresTooLargeBody(String(50 * 1024 * 1024))).toBe(true);
    expect(declaresTooLargeBody("1e999")).toBe(true);
    expect(declaresTooLargeBody("abc")).toBe(true);
  });
});
