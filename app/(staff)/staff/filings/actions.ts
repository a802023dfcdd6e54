"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import { acceptFiling, acknowledgeFiling, returnFiling } from "@/lib/data/filings";
import type { DecideFilingInput, ReturnFilingInput } from "@/lib/validations/filing";

function act(filingId: number, work: (id: number) => Promise<void>): Promise<ActionResult> {
  return runAction(async () => {
    await work(Number(filingId));
    revalidatePath("/staff/filings", "layout");
  });
}

/** 备案通过 (发布前备案): the supervising unit's clerks. */
export async function acceptFilingAction(filingId: number, input: DecideFilingInput) {
  return act(filingId, (id) => acceptFiling(id, input));
}
/** 退回 with a reason (发布前备案): the supervising unit's clerks. */
export async function returnFilingAction(filingId: number, input: ReturnFilingInput) {
  return act(filingId, (id) => returnFiling(id, input));
}
/** 确认备案 (发布后备案): the supervising unit's clerks. */
export async function acknowledgeFilingAction(filingId: number, input: DecideFilingInput) {
  return act(filingId, (id) => acknowledgeFiling(id, input));
}
