import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptedEncodings, compressBody, negotiateEncoding, varyOnEncoding } from "../content-encoding";

describe("content encoding", () => {
  it("reads Accept-Encoding like a browser means it, preferring brotli", () => {
    expect(negotiateEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(negotiateEncoding("br;q=1.0, gzip;q=0.8")).toBe("br");
    expect(negotiateEncoding("gzip, deflate")).toBe("gzip");
    expect(negotiateEncoding("br;q=0, gzip")).toBe("gzip");
    expect(negotiateEncoding("*")).toBe("br");
    expect(negotiateEncoding("*, br;q=0")).toBe("gzip");
    expect(negotiateEncoding("gzip;q=0")).toBeNull();
    expect(negotiateEncoding("identity")).toBeNull();
    expect(negotiateEncoding(undefined)).toBeNull();
    expect(acceptedEncodings("gzip, br")).toEqual({ br: true, gzip: true });
  });

  it("compresses a body that decompresses to itself", () => {
    const body = Buffer.from("<p>政府信息公开工作年度报告</p>".repeat(200));
    expect(brotliDecompressSync(compressBody(body, "br")).equals(body)).toBe(true);
    expect(gunzipSync(compressBody(body, "gzip")).equals(body)).toBe(true);
    expect(compressBody(body, "br").length).toBeLessThan(body.length / 10);
  });

  it("adds Accept-Encoding to Vary once", () => {
    expect(varyOnEncoding(undefined)).toBe("Accept-Encoding");
    expect(varyOnEncoding("RSC, Next-Router-State-Tree")).toBe("RSC, Next-Router-State-Tree, Accept-Encoding");
    expect(varyOnEncoding("accept-encoding")).toBe("accept-encoding");
  });
});
