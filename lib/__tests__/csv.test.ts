import { describe, expect, it } from "vitest";
import { CSV_BOM, attachmentDisposition, csvField, csvResponse, neutralizeFormula, parseCsv, toCsv } from "@/lib/csv";

describe("CSV (RFC 4180, UTF-8 with BOM)", () => {
  it("starts with the BOM and ends every row with CRLF", () => {
    const csv = toCsv([
      ["表", "数值"],
      ["表二", 3],
    ]);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe("表,数值\r\n表二,3\r\n");
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("quotes fields with commas, quotes, CR or LF and doubles inner quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField("第一行\n第二行")).toBe('"第一行\n第二行"');
    expect(csvField("x\r\ny")).toBe('"x\r\ny"');
    expect(csvField("危及“三安全一稳定”")).toBe("危及“三安全一稳定”");
    expect(csvField("plain")).toBe("plain");
  });

  it("writes numbers as stored (no rounding) and blanks as empty fields", () => {
    expect(csvField(190.457379)).toBe("190.457379");
    expect(csvField(0)).toBe("0");
    expect(csvField(-3)).toBe("-3");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(Number.NaN)).toBe("");
  });

  it("keeps spreadsheets from running text as a formula, but leaves numbers and a lone dash alone", () => {
    expect(neutralizeFormula("=HYPERLINK(\"x\")")).toBe("'=HYPERLINK(\"x\")");
    expect(neutralizeFormula("+1+2")).toBe("'+1+2");
    expect(neutralizeFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutralizeFormula("-3")).toBe("-3");
    expect(neutralizeFormula("-")).toBe("-");
    expect(neutralizeFormula("—")).toBe("—");
    expect(csvField("=1,2")).toBe("\"'=1,2\"");
  });

  it("parses its own output back to the same cells", () => {
    const rows = [
      ["表", "行", "列", "数值"],
      ["三、收到和处理政府信息公开申请情况", "三、本年度办理结果·（三）不予公开·3.危及“三安全一稳定”", "申请人情况·自然人", "0"],
      ['含"引号"', "含,逗号", "含\r\n换行", ""],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });

  it("names the download in UTF-8 (RFC 5987) with an ASCII fallback", () => {
    const value = attachmentDisposition("2023年度统计数据.csv", "nianbao-2023.csv");
    expect(value).toBe(`attachment; filename="nianbao-2023.csv"; filename*=UTF-8''${encodeURIComponent("2023年度统计数据.csv")}`);
    expect(attachmentDisposition("a'(b).csv", 'x"y.csv')).toBe(`attachment; filename="x_y.csv"; filename*=UTF-8''a%27%28b%29.csv`);
  });

  it("answers with text/csv; charset=utf-8 and the BOM intact", async () => {
    const response = csvResponse(toCsv([["单位"], ["青石镇"]]), "统计.csv", "stats.csv");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="stats\.csv"; filename\*=UTF-8''/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
