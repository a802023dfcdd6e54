import { describe, expect, it } from "vitest";
import { changePasswordSchema, passwordProblem } from "../password";

describe("password policy", () => {
  it("accepts a long password with three character classes", () => {
    expect(passwordProblem("qingshi-report-2026", "qingshi.clerk")).toBeNull();
    expect(passwordProblem("Qingshi Report Year", "someone")).toBeNull();
  });

  it("refuses fewer than 10 characters", () => {
    expect(passwordProblem("Ab1!xyz9", "u")).toBe("密码至少需要 10 个字符。");
  });

  it("refuses only two character classes", () => {
    expect(passwordProblem("abcdefghij123", "u")).toBe("密码需包含大写字母、小写字母、数字、符号中的至少三类。");
    expect(passwordProblem("ABCDEFGH!!!!", "u")).toBe("密码需包含大写字母、小写字母、数字、符号中的至少三类。");
  });

  it("refuses a password containing the username, in any case", () => {
    expect(passwordProblem("Zhouwenshu-2026", "zhouwenshu")).toBe("密码不能包含用户名。");
  });

  it("refuses common passwords that otherwise meet the rules", () => {
    expect(passwordProblem("P@ssw0rd123", "u")).toBe("该密码过于常见，请换一个。");
    expect(passwordProblem("admin@123456", "u")).toBe("该密码过于常见，请换一个。");
  });

  it("refuses overlong passwords", () => {
    expect(passwordProblem(`Aa1!${"x".repeat(200)}`, "u")).toBe("密码不能超过 128 个字符。");
  });

  it("the change form requires a matching confirmation and a different new password", () => {
    const base = { username: "u", currentPassword: "Old-Password-1" };
    const mismatch = changePasswordSchema.safeParse({ ...base, newPassword: "New-Password-22", confirmPassword: "New-Password-23" });
    expect(mismatch.success).toBe(false);
    expect(mismatch.error?.issues[0]).toMatchObject({ path: ["confirmPassword"], message: "两次输入的新密码不一致。" });
    const same = changePasswordSchema.safeParse({ ...base, newPassword: "Old-Password-1", confirmPassword: "Old-Password-1" });
    expect(same.error?.issues[0]).toMatchObject({ path: ["newPassword"], message: "新密码不能与当前密码相同。" });
  });
});
