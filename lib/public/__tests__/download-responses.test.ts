import { describe, expect, it } from "vitest";
import { matchesEtag, withdrawalMessage } from "../download-responses";

describe("download answers", () => {
  it("names the date and reason of a withdrawal", () => {
    expect(withdrawalMessage({ title: "某报告", withdrawnAt: new Date("2024-05-05T17:00:00Z"), reason: "数据有误。" })).toBe(
      "《某报告》已于2024年5月6日撤回，原内容不再公开。撤回原因：数据有误。\n",
    );
    expect(withdrawalMessage({ title: "某报告", withdrawnAt: null, reason: null })).toContain("撤回原因：未说明");
  });

  it("matches entity tags", () => {
    expect(matchesEtag('"abc"', '"abc"')).toBe(true);
    expect(matchesEtag('W/"abc", "def"', '"abc"')).toBe(true);
    expect(matchesEtag('"def"', '"abc"')).toBe(false);
    expect(matchesEtag(null, '"abc"')).toBe(false);
  });
});
