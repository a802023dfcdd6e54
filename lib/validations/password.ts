import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Passwords that satisfy the length and character-class rules but are still among the
 * first guesses of any attacker (compared case-insensitively).
 */
const COMMON_PASSWORDS = new Set(
  [
    "Password123!", "Password@123", "Password1234", "P@ssw0rd123", "P@ssw0rd1234", "P@55w0rd123",
    "Passw0rd!23", "Admin@12345", "Admin@123456", "Admin123456!", "Administrator1", "Qwerty@1234",
    "Qwerty123456", "Qwer@123456", "1qaz@WSX3edc", "1qaz2wsx#EDC", "1QAZ2wsx3edc", "Aa1234567890",
    "Aa123456789", "Aa@123456789", "Abc@1234567", "Abcd@123456", "Abc123456789", "Welcome@123",
    "Welcome1234", "Woaini@1314", "Woaini520!", "Iloveyou123", "Zxcvbnm@123", "Asdfghjkl1!",
    "Changeme123", "Letmein@123", "Test@123456", "Root@123456", "Huawei@123", "Huawei12#$",
    "Gov@123456", "Zhengfu@123", "China@12345", "Beijing@123",
  ].map((p) => p.toLowerCase()),
);

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

/** Returns the Chinese reason a password is refused, or null when it meets the policy. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符。`;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符。`;
  if (characterClasses(password) < 3) return "密码需包含大写字母、小写字母、数字、符号中的至少三类。";
  const lower = password.toLowerCase();
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) {
    return "密码不能包含用户名。";
  }
  if (COMMON_PASSWORDS.has(lower)) return "该密码过于常见，请换一个。";
  return null;
}

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "请输入当前密码。").max(PASSWORD_MAX_LENGTH),
    newPassword: z.string().max(PASSWORD_MAX_LENGTH, `密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符。`),
    confirmPassword: z.string(),
    username: z.string(),
  })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.newPassword, value.username);
    if (problem) ctx.addIssue({ code: "custom", path: ["newPassword"], message: problem });
    else if (value.newPassword === value.currentPassword) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "新密码不能与当前密码相同。" });
    }
    if (value.confirmPassword !== value.newPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "两次输入的新密码不一致。" });
    }
  });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const loginSchema = z.object({
  username: z.string().trim().min(1, "请输入用户名。").max(64, "用户名过长。"),
  password: z.string().min(1, "请输入密码。").max(PASSWORD_MAX_LENGTH, "密码过长。"),
});

export type LoginInput = z.infer<typeof loginSchema>;
