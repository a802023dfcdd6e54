import { crc32, gunzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { combineCrc32, gzipTemplate, gzipWithValue } from "../gzip-splice";

const bytes = fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a));

describe("gzip with a value spliced in", () => {
  it("combines CRC-32s exactly as computing over the whole", () => {
    fc.assert(
      fc.property(bytes, bytes, (a, b) => {
        expect(combineCrc32(crc32(a), crc32(b), b.length)).toBe(crc32(Buffer.concat([a, b])));
      }),
    );
  });

  it("decompresses to the parts with the value between each two, for any parts and value", () => {
    fc.assert(
      fc.property(fc.array(bytes, { minLength: 1, maxLength: 4 }), fc.nat({ max: 2 ** 40 }), (parts, n) => {
        const value = Buffer.from(String(n));
        const body = Buffer.concat(gzipWithValue(gzipTemplate(parts), value));
        const expected = Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [value, p])));
        expect(gunzipSync(body).equals(expected)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("compresses a page of repetitive HTML to a fraction, and a new value costs no recompression", () => {
    const html = Buffer.from("<tr><td>本年新收政府信息公开申请数量</td><td>23</td></tr>".repeat(2000));
    const template = gzipTemplate([html.subarray(0, 50_000), html.subarray(50_000)]);
    const first = Buffer.concat(gzipWithValue(template, Buffer.from("1")));
    const second = gzipWithValue(template, Buffer.from("123456"));
    expect(first.length).toBeLessThan(html.length / 20);
    // The cached segments are written as they are (not copied) for every value.
    expect(second).toContain(template.segments[0]);
    expect(gunzipSync(Buffer.concat(second)).toString()).toBe(`${html.subarray(0, 50_000)}123456${html.subarray(50_000)}`);
  });
});
