"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import { saveReportingList } from "@/lib/data/reporting-list";
import type { ReportingListInput } from "@/lib/validations/reporting-list";

export async function saveReportingListAction(input: ReportingListInput): Promise<ActionResult> {
  return runAction(async () => {
    await saveReportingList(input);
    revalidatePath("/staff/reporting-list");
    revalidatePath("/staff/overview");
  });
}
