import { describe, expect, it } from "vitest";
import { isValidOrgCode, orgCodeProblem } from "../org-code";

describe("organisation codes", () => {
  it("accepts a real 9-character organisation code (the seed township's)", () => {
    expect(isValidOrgCode("002509011")).toBe(true);
    expect(isValidOrgCode("000014349")).toBe(true); // 国务院办公厅, as in gov.cn 索引号
  });

  it("rejects a wrong check character", () => {
    expect(isValidOrgCode("002509012")).toBe(false);
    expect(orgCodeProblem("002509012")).toBe("代码格式或校验位不正确，请核对。");
  });

  it("accepts valid 18-character unified social credit codes and rejects a wrong check character", () => {
    expect(isValidOrgCode("11339999MB0A12318P")).toBe(true);
    expect(isValidOrgCode("11339999MB0A12318Q")).toBe(false);
  });

  it("explains a wrong length", () => {
    expect(orgCodeProblem("12345")).toBe("应为 9 位组织机构代码或 18 位统一社会信用代码。");
    expect(orgCodeProblem("")).toBe("请输入组织机构代码或统一社会信用代码。");
  });
});
