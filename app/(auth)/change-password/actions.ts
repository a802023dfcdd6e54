"use server";

import { signIn } from "@/lib/auth";
import { runAction, type ActionResult } from "@/lib/action-result";
import { changeOwnPassword } from "@/lib/data/credentials";
import { getViewer } from "@/lib/data/session";
import type { ChangePasswordInput } from "@/lib/validations/password";

export async function changePasswordAction(input: ChangePasswordInput): Promise<ActionResult> {
  const viewer = await getViewer();
  const result = await runAction(() => changeOwnPassword(input));
  if (result.ok && viewer) {
    // The change ended every session of this user; start a fresh one for this browser.
    await signIn("credentials", { username: viewer.username, password: input.newPassword, redirect: false });
  }
  return result;
}
