"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { TextActionForm } from "@/components/review/text-action-form";
import type { ReportStatus } from "@/lib/permissions";
import {
  approveReportAction,
  cancelScheduleAction,
  publishReportAction,
  returnReportAction,
  startCorrectionAction,
  withdrawReportAction,
} from "./actions";

interface WorkflowPanelProps {
  reportId: number;
  status: ReportStatus;
  canReview: boolean;
  canApprove: boolean;
  isCorrection: boolean;
  isLive: boolean;
  scheduledAt: string | null;
  today: string;
  /** The supervising unit a report in 待备案 waits for (发布前备案). */
  filedWith: string | null;
}

/** The leader's decisions for the report's current state. */
export function WorkflowPanel({ reportId, status, canReview, canApprove, isCorrection, isLive, scheduledAt, today, filedWith }: WorkflowPanelProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  if (!canReview) return null;
  /** After a decision the page shows what happened (「已退回修改」 …), also after the refresh. */
  const confirmDone = (done: "returned" | "approved" | "published" | "scheduled") => router.replace(`/staff/reports/${reportId}/review?done=${done}`);
  const run = (work: () => Promise<{ ok: boolean; message?: string }>, confirmText?: string) =>
    startTransition(async () => {
      if (confirmText && !window.confirm(confirmText)) return;
      setError(undefined);
      const result = await work();
      if (!result.ok) setError(result.message);
      else router.refresh();
    });

  return (
    <section aria-labelledby="workflow-heading" className="space-y-4">
      <h2 id="workflow-heading" className="text-lg font-semibold">
        审核与发布
      </h2>
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
      {status === "submitted" && (
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-1">
          <TextActionForm
            id="return"
            title="退回修改"
            fields={[{ name: "reason", label: "退回原因（填报员可见）" }]}
            submitLabel="退回"
            tone="danger"
            confirm="确定退回？报告将退回填报员修改，填报员会看到退回原因。"
            onSubmit={(v) => returnReportAction(reportId, { reason: v.reason ?? "" })}
            onDone={() => confirmDone("returned")}
          />
          {canApprove ? (
            <TextActionForm
              id="approve"
              title="审核批准"
              fields={[
                { name: "opinion", label: "审核意见", defaultValue: "同意公开。" },
                { name: "writtenOn", label: "成文日期", type: "date", defaultValue: today },
              ]}
              submitLabel="批准"
              confirm="确定批准？批准后报告不能再修改，可以发布。"
              onSubmit={(v) => approveReportAction(reportId, { opinion: v.opinion ?? "", writtenOn: v.writtenOn ?? "" })}
              onDone={() => confirmDone("approved")}
            />
          ) : (
            <p className="rounded border border-amber-300 bg-amber-50 p-4 text-sm" role="note">
              您在本轮中提交或修改过这份报告，按照职责分离的要求，须由本单位其他审核领导批准。
            </p>
          )}
        </div>
      )}
      {status === "filing" && (
        <p className="rounded border border-amber-300 bg-amber-50 p-4 text-sm" role="note">
          已报送上级备案，备案通过后方可发布。{filedWith ? `报告已报送${filedWith}，等待其备案通过或退回。` : ""}
        </p>
      )}
      {status === "approved" && (
        <TextActionForm
          id="publish"
          title={isCorrection ? "发布修订版" : "发布"}
          fields={[
            { name: "scheduleAt", label: "定时发布（北京时间，留空则立即发布）", type: "datetime-local" },
            ...(isCorrection ? [{ name: "changeNote", label: "修订说明（将在公开页面显示）" }] : []),
          ]}
          submitLabel="发布"
          confirm="确定发布？发布后内容将向社会公开。"
          onSubmit={(v) => publishReportAction(reportId, { scheduleAt: v.scheduleAt ?? "", changeNote: v.changeNote ?? "" })}
          onDone={(data) => confirmDone(data.scheduled ? "scheduled" : "published")}
        />
      )}
      {status === "scheduled" && (
        <div className="rounded border border-line bg-white p-4">
          <p className="mb-3 text-sm">已定于 {scheduledAt} 自动发布。</p>
          <button type="button" disabled={pending} onClick={() => run(() => cancelScheduleAction(reportId))} className="rounded border border-line px-4 py-2 text-sm">
            取消定时发布
          </button>
        </div>
      )}
      {status === "published" && (
        <div className="rounded border border-line bg-white p-4">
          <p className="mb-3 text-sm">发现已发布的报告有误时，可以修订（生成新的版本，原版本在新版本发布前继续公开），或撤回。</p>
          <button
            type="button"
            disabled={pending}
            onClick={() => run(() => startCorrectionAction(reportId), "开始修订？填报员修改并经审核批准后，将作为新版本发布。")}
            className="rounded bg-gov-red px-4 py-2 text-sm text-white"
          >
            修订
          </button>
        </div>
      )}
      {isLive && status !== "withdrawn" && (
        <TextActionForm
          id="withdraw"
          title="撤回已发布的报告"
          fields={[{ name: "reason", label: "撤回原因（将在公开页面显示）" }]}
          submitLabel="撤回"
          tone="danger"
          confirm="确定撤回？公开页面将只显示撤回说明。"
          onSubmit={(v) => withdrawReportAction(reportId, { reason: v.reason ?? "" })}
        />
      )}
    </section>
  );
}
