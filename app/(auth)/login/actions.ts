"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { AccountLocked, signIn } from "@/lib/auth";
import { lockedUntilOf } from "@/lib/data/credentials";
import { loginSchema } from "@/lib/validations/password";
import { chinaDateTime } from "@/lib/time";

export interface LoginFormState {
  message?: string;
  fieldErrors?: { username?: string; password?: string };
  username?: string;
}

/** Only our own staff pages are valid places to return to after sign-in. */
function safeCallbackUrl(value: FormDataEntryValue | null): string {
  const url = typeof value === "string" ? value : "";
  return /^\/staff(\/[\w\-./?=&%]*)?$/.test(url) && !url.includes("//") ? url : "/staff";
}

export async function loginAction(_previous: LoginFormState, formData: FormData): Promise<LoginFormState> {
  const parsed = loginSchema.safeParse({ username: formData.get("username"), password: formData.get("password") });
  const username = typeof formData.get("username") === "string" ? String(formData.get("username")) : "";
  if (!parsed.success) {
    const fieldErrors: LoginFormState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as "username" | "password";
      fieldErrors[field] ??= issue.message;
    }
    return { fieldErrors, username };
  }
  try {
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (error) {
    if (error instanceof AccountLocked) {
      const until = await lockedUntilOf(parsed.data.username);
      return {
        message: `账号因连续多次登录失败已被锁定，请于 ${until ? chinaDateTime(until) : "稍后"} 后再试，或联系系统管理员解锁。`,
        username,
      };
    }
    if (error instanceof AuthError) return { message: "用户名或密码错误。", username };
    throw error;
  }
  redirect(safeCallbackUrl(formData.get("callbackUrl")));
}
