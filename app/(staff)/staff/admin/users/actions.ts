"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import { createUser, resetUserPassword, setUserActive, unlockUser, updateUser } from "@/lib/data/users";
import type { CreateUserInput, UpdateUserInput } from "@/lib/validations/user";

const refresh = () => revalidatePath("/staff/admin/users");

export async function createUserAction(
  input: CreateUserInput,
): Promise<ActionResult<{ id: number; temporaryPassword: string }>> {
  return runAction(async () => {
    const created = await createUser(input);
    refresh();
    return created;
  });
}

export async function updateUserAction(id: number, input: UpdateUserInput): Promise<ActionResult> {
  return runAction(async () => {
    await updateUser(Number(id), input);
    refresh();
  });
}

export async function setUserActiveAction(id: number, active: boolean): Promise<ActionResult> {
  return runAction(async () => {
    await setUserActive(Number(id), active === true);
    refresh();
  });
}

export async function resetUserPasswordAction(id: number): Promise<ActionResult<{ temporaryPassword: string }>> {
  return runAction(() => resetUserPassword(Number(id)));
}

export async function unlockUserAction(id: number): Promise<ActionResult> {
  return runAction(async () => {
    await unlockUser(Number(id));
    refresh();
  });
}
