"use server";

import { signOut } from "@/lib/auth";
import { endCurrentSession } from "@/lib/data/session";

export async function signOutAction(): Promise<void> {
  await endCurrentSession();
  await signOut({ redirectTo: "/login" });
}
