"use server";

import { runAction, type ActionResult } from "@/lib/action-result";
import { touchSectionPresence } from "@/lib/data/presence";
import { updateReportTitle } from "@/lib/data/reports";
import { checkCopiedTextOfDraft } from "@/lib/data/report-checks";
import type { CopiedTextCheck } from "@/lib/report-editing";
import { restoreSectionRevision, setSectionCompleted } from "@/lib/data/sections";

export async function setSectionCompletedAction(reportId: number, sectionKey: string, completed: boolean): Promise<ActionResult> {
  return runAction(() => setSectionCompleted(Number(reportId), String(sectionKey), completed === true));
}

export async function touchPresenceAction(reportId: number, sectionKey: string): Promise<ActionResult<string[]>> {
  return runAction(() => touchSectionPresence(Number(reportId), String(sectionKey)));
}

export async function restoreRevisionAction(reportId: number, sectionKey: string, revisionId: number): Promise<ActionResult<{ version: number }>> {
  return runAction(() => restoreSectionRevision(Number(reportId), String(sectionKey), Number(revisionId)));
}

export async function updateReportTitleAction(reportId: number, input: { title: string }): Promise<ActionResult> {
  return runAction(() => updateReportTitle(Number(reportId), input));
}

/** 雷同 (X-5) of the section being typed, against last year's report and other units' public reports. */
export async function checkCopiedTextAction(reportId: number, input: { sectionKey: string; html: string }): Promise<ActionResult<CopiedTextCheck>> {
  return runAction(() => checkCopiedTextOfDraft(Number(reportId), input));
}
