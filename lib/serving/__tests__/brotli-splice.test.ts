import { readFileSync } from "node:fs";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { brotliTemplate, brotliWithValue } from "../brotli-splice";

/** A page of real report text, with table markup around the figures, like a report page. */
const seedText = readFileSync(path.resolve(__dirname, "../../../../shared/seed/heqiao-2017-report.txt"), "utf8");
const seedPage = Buffer.from(
  `<!DOCTYPE html><html lang="zh-CN"><body><main>${seedText
    .split("\n")
    .map((line) => (/\d/.test(line) ? `<tr><th scope="row">${line}</th><td class="n">${line.length}</td></tr>` : `<p>${line}</p>`))
    .join("\n")}</main></body></html>`,
);

function splitInThree(page: Buffer): Buffer[] {
  const a = Math.floor(page.length / 3);
  const b = Math.floor((2 * page.length) / 3);
  return [page.subarray(0, a), page.subarray(a, b), page.subarray(b)];
}

describe("brotli with a value spliced in", () => {
  it("decodes to the page with the value in every gap, for every value of the template's length", async () => {
    const parts = splitInThree(seedPage);
    for (const length of [1, 2, 5, 9]) {
      const template = await brotliTemplate(parts, length);
      expect(template).not.toBeNull();
      for (const digits of ["0", "1", "5", "9"].map((d) => d.repeat(length)).concat(String(10 ** (length - 1) + 7).slice(0, length))) {
        const value = Buffer.from(digits);
        const body = brotliDecompressSync(Buffer.concat(brotliWithValue(template!, value)));
        expect(body.equals(Buffer.concat([parts[0]!, value, parts[1]!, value, parts[2]!]))).toBe(true);
      }
    }
  });

  it("compresses about as well as compressing the whole page", async () => {
    const parts = splitInThree(seedPage);
    const template = await brotliTemplate(parts, 3);
    const spliced = Buffer.concat(brotliWithValue(template!, Buffer.from("123"))).length;
    expect(spliced).toBeLessThan(seedPage.length / 4);
  });

  it("refuses a value of another length, and a page that contains a placeholder byte", async () => {
    const template = await brotliTemplate([Buffer.from("<p>"), Buffer.from("</p>")], 2);
    expect(() => brotliWithValue(template!, Buffer.from("123"))).toThrow();
    expect(await brotliTemplate([Buffer.from("<p>\u0001"), Buffer.from("</p>")], 2)).toBeNull();
  });
});
