"use server";

import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action-result";
import { signOut } from "@/lib/auth";
import { createNextYearReport } from "@/lib/data/reports";
import { endCurrentSession } from "@/lib/data/session";

export async function signOutAction(): Promise<void> {
  await endCurrentSession();
  await signOut({ redirectTo: "/login" });
}

export async function createNextYearReportAction(): Promise<ActionResult<{ id: number; year: number }>> {
  const result = await runAction(() => createNextYearReport());
  if (result.ok) redirect(`/staff/reports/${result.data.id}`);
  return result;
}
