"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import {
  addReviewComment,
  approveReport,
  cancelScheduledPublication,
  publishApprovedReport,
  resolveReviewComment,
  returnReport,
  startCorrection,
  submitReport,
  withdrawReport,
} from "@/lib/data/workflow";
import type { ApproveInput, CommentInput, PublishInput, ReturnInput, WithdrawInput } from "@/lib/validations/workflow";

const refresh = (id: number) => revalidatePath(`/staff/reports/${id}`, "layout");

function act<T>(reportId: number, work: (id: number) => Promise<T>): Promise<ActionResult<T>> {
  const id = Number(reportId);
  return runAction(async () => {
    const result = await work(id);
    refresh(id);
    return result;
  });
}

export async function submitReportAction(reportId: number, explanations: Record<string, string>) {
  return act(reportId, (id) => submitReport(id, explanations));
}
export async function returnReportAction(reportId: number, input: ReturnInput) {
  return act(reportId, (id) => returnReport(id, input));
}
export async function approveReportAction(reportId: number, input: ApproveInput) {
  return act(reportId, (id) => approveReport(id, input));
}
export async function publishReportAction(reportId: number, input: PublishInput) {
  return act(reportId, (id) => publishApprovedReport(id, input));
}
export async function cancelScheduleAction(reportId: number) {
  return act(reportId, (id) => cancelScheduledPublication(id));
}
export async function withdrawReportAction(reportId: number, input: WithdrawInput) {
  return act(reportId, (id) => withdrawReport(id, input));
}
export async function startCorrectionAction(reportId: number) {
  return act(reportId, (id) => startCorrection(id));
}
export async function addCommentAction(reportId: number, input: CommentInput) {
  return act(reportId, (id) => addReviewComment(id, input));
}
export async function resolveCommentAction(reportId: number, commentId: number) {
  return act(reportId, (id) => resolveReviewComment(id, Number(commentId)));
}
