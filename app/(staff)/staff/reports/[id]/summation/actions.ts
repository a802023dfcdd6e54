"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import { clearUnitAbsent, markUnitAbsent, saveOwnFigures, startSummation, sumReport } from "@/lib/data/summation";
import type { AbsentUnitInput, ApplySummationInput, OwnFiguresInput } from "@/lib/validations/summation";

const refresh = (reportId: number) => revalidatePath(`/staff/reports/${Number(reportId)}`, "layout");

/** 「开始汇总」 */
export async function startSummationAction(reportId: number): Promise<ActionResult> {
  return runAction(async () => {
    await startSummation(Number(reportId));
    refresh(reportId);
  });
}

/** 保存本级数据 */
export async function saveOwnFiguresAction(reportId: number, input: OwnFiguresInput): Promise<ActionResult> {
  return runAction(async () => {
    await saveOwnFigures(Number(reportId), input);
    refresh(reportId);
  });
}

/** 标记暂缺 (with its note) */
export async function markUnitAbsentAction(reportId: number, input: AbsentUnitInput): Promise<ActionResult> {
  return runAction(async () => {
    await markUnitAbsent(Number(reportId), input);
    refresh(reportId);
  });
}

/** 取消暂缺 */
export async function clearUnitAbsentAction(reportId: number, unitId: number): Promise<ActionResult> {
  return runAction(async () => {
    await clearUnitAbsent(Number(reportId), Number(unitId));
    refresh(reportId);
  });
}

/** 「汇总」/「重新汇总」 */
export async function sumReportAction(reportId: number, input: ApplySummationInput): Promise<ActionResult<{ changedCells: number }>> {
  return runAction(async () => {
    const result = await sumReport(Number(reportId), input);
    refresh(reportId);
    return result;
  });
}
