import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCount, toChineseDigits, toChineseNumeral, writtenDecimals } from "@/lib/rules/chinese-numerals";

const upTo99999 = fc.integer({ min: 0, max: 99_999 });
const fullWidth = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe("parseCount", () => {
  it.each([
    ["12", 12],
    ["1,234", 1234],
    ["１２", 12],
    ["0", 0],
    ["十二", 12],
    ["一十二", 12],
    ["十", 10],
    ["一百零五", 105],
    ["一百〇五", 105],
    ["两", 2],
    ["兩", 2],
    ["〇", 0],
    ["零", 0],
    ["二〇二三", 2023],
    ["二零二三", 2023],
    ["一千二百三十四", 1234],
    ["三万五千", 35_000],
    ["三万五", 35_000],
    ["一百五", 150],
    ["两万零三百", 20_300],
    ["十万零一", 100_001],
    ["壹佰零伍", 105],
    ["壹拾贰", 12],
    ["叁万伍仟", 35_000],
    ["0.36", 0.36],
    ["３.５", 3.5],
    ["３．５", 3.5],
    ["零点三六", 0.36],
    ["1.2万", 12_000],
    [" 7 ", 7],
  ])("reads %s as %d", (text, n) => {
    expect(parseCount(text)).toBe(n);
  });

  it.each(["", "件", "十十", "百", "一二百", "万", "十百", "1.2.3", "12a", "三件", "两〇"])("rejects %s", (text) => {
    expect(parseCount(text)).toBeNull();
  });

  it("counts written decimals", () => {
    expect(writtenDecimals("0.36")).toBe(2);
    expect(writtenDecimals("３.５")).toBe(1);
    expect(writtenDecimals("零点五")).toBe(1);
    expect(writtenDecimals("12")).toBe(0);
  });
});

describe("toChineseNumeral", () => {
  it.each([
    [0, "零"],
    [10, "十"],
    [12, "十二"],
    [105, "一百零五"],
    [110, "一百一十"],
    [1234, "一千二百三十四"],
    [20_300, "二万零三百"],
    [35_000, "三万五千"],
    [100_001, "十万零一"],
    [100_015, "十万零一十五"],
  ])("writes %d as %s", (n, text) => {
    expect(toChineseNumeral(n)).toBe(text);
  });

  it("writes 两 where it is idiomatic, and 大写", () => {
    expect(toChineseNumeral(20_300, { liang: true })).toBe("两万零三百");
    expect(toChineseNumeral(2222, { liang: true })).toBe("两千两百二十二");
    expect(toChineseNumeral(120_000, { liang: true })).toBe("十二万");
    expect(toChineseNumeral(105, { capital: true })).toBe("壹佰零伍");
  });
});

describe("numeral properties (0–99,999)", () => {
  it("a standard Chinese numeral parses back to its integer", () => {
    fc.assert(fc.property(upTo99999, (n) => parseCount(toChineseNumeral(n)) === n), { numRuns: 3000 });
  });

  it("with 两 and in 大写 too", () => {
    fc.assert(
      fc.property(upTo99999, (n) => {
        expect(parseCount(toChineseNumeral(n, { liang: true }))).toBe(n);
        expect(parseCount(toChineseNumeral(n, { capital: true }))).toBe(n);
      }),
      { numRuns: 3000 },
    );
  });

  it("Arabic, grouped and full-width figures parse back", () => {
    fc.assert(
      fc.property(upTo99999, (n) => {
        expect(parseCount(String(n))).toBe(n);
        expect(parseCount(n.toLocaleString("en-US"))).toBe(n);
        expect(parseCount(fullWidth(String(n)))).toBe(n);
      }),
      { numRuns: 3000 },
    );
  });

  it("digit-by-digit numerals of two or more digits parse back", () => {
    fc.assert(fc.property(fc.integer({ min: 10, max: 99_999 }), (n) => parseCount(toChineseDigits(n)) === n), { numRuns: 1000 });
  });

  it("every integer 0–99,999 round-trips (exhaustive)", () => {
    const wrong: number[] = [];
    for (let n = 0; n <= 99_999; n++) {
      if (parseCount(toChineseNumeral(n)) !== n || parseCount(toChineseNumeral(n, { liang: true })) !== n) wrong.push(n);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});
