import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { findGarbledText, GARBLED_TEXT_MESSAGE, parseOrThrow } from "../parse";
import { MAX_CELL_VALUE, parseCellInput, reportTitleSchema, saveSectionSchema, tableCellsSchema } from "../report";
import { commentSchema, returnSchema } from "../workflow";

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("not refused");
}

describe("text that would be stored garbled is refused at the field", () => {
  it.each([
    ["U+FFFD (invalid UTF-8 after decoding)", "标题\uFFFD\uFFFD年度报告"],
    ["a lone surrogate", "标题\uD800年度报告"],
    ["NUL", "标题\u0000年度报告"],
    ["an escape sequence", "标题\u001b[31m年度报告"],
  ])("%s", (_name, title) => {
    const error = refusal(() => parseOrThrow(reportTitleSchema, { title }));
    expect(error.status).toBe(400);
    expect(error.fieldErrors).toEqual({ title: GARBLED_TEXT_MESSAGE });
  });

  it("names the whole path of the first garbled string, deep inside objects and arrays", () => {
    expect(findGarbledText({ cells: { total: { a: 1, b: ["好", "坏\u0000"] } }, html: "\uFFFD" })).toEqual(["cells", "total", "b", "1"]);
    expect(findGarbledText("\uFFFD")).toEqual([]);
    expect(findGarbledText({ cells: { total: { a: 1, b: ["好"] } }, html: "<p>正文</p>" })).toBeNull();
  });

  it("keeps tabs, line breaks and emoji", () => {
    expect(parseOrThrow(returnSchema, { reason: "第一行\n第二行\t😀" }).reason).toBe("第一行\n第二行\t😀");
  });

  it("overlong fields get the field's own Chinese message", () => {
    expect(refusal(() => parseOrThrow(reportTitleSchema, { title: "长".repeat(10_000) })).fieldErrors).toEqual({ title: "标题不能超过 120 个字。" });
    expect(refusal(() => parseOrThrow(commentSchema, { sectionKey: "overview", body: "意".repeat(100_000) })).fieldErrors).toEqual({
      body: "意见不能超过 2000 个字。",
    });
    expect(saveSectionSchema.safeParse({ reportId: 1, sectionKey: "overview", baseVersion: 1, html: "x".repeat(500_001) }).error?.issues[0]?.message).toMatch(/本节内容过长/);
  });
});

describe("table cell values", () => {
  const schema = tableCellsSchema("gov-2021", "table3");

  it.each([
    ["negative", -1, /不小于 0 的整数/],
    ["fractional", 1.5, /不小于 0 的整数/],
    ["Infinity (1e999 in JSON)", JSON.parse("1e999"), /数值无效/],
    ["-Infinity", -Infinity, /数值无效/],
    ["NaN", Number.NaN, /数值无效/],
    ["2^53", 9007199254740992, /数值无效/],
    ["just over the maximum", MAX_CELL_VALUE + 1, /数值无效/],
    ["a numeric string", "12", /数值无效/],
    ["an object", { valueOf: 1 }, /数值无效/],
  ])("%s is refused by the server with the cell's path", (_name, value, message) => {
    const result = schema.safeParse({ naturalPerson: { newReceived: value } });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.message).toMatch(message);
    expect(issue.message).toMatch(/^[^：]+：/); // names the cell
    expect(issue.path).toEqual(["naturalPerson", "newReceived"]);
  });

  it("a valid value passes", () => {
    expect(schema.safeParse({ naturalPerson: { newReceived: 12 } }).success).toBe(true);
  });

  it.each(["-1", "1.5", "NaN", "1e999", "Infinity", "9007199254740992", "0x10", "1e3", "12abc", "--1"])("the editor refuses %s at the cell", (raw) => {
    const parsed = parseCellInput(raw, "int");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
