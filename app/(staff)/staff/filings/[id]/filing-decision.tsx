"use client";

import { useRouter } from "next/navigation";
import { TextActionForm } from "@/components/review/text-action-form";
import { acceptFilingAction, acknowledgeFilingAction, returnFilingAction } from "../actions";

/** The supervising unit's clerk decides: 备案通过 or 退回 before publication, 确认备案 after it. */
export function FilingDecision({ filingId, mode }: { filingId: number; mode: "before_publication" | "after_publication" }) {
  const router = useRouter();
  const done = (what: "accepted" | "returned" | "acknowledged") => () => router.push(`/staff/filings?done=${what}`);
  if (mode === "after_publication") {
    return (
      <TextActionForm
        id="acknowledge"
        title="确认备案"
        fields={[{ name: "note", label: "备注（可不填）" }]}
        submitLabel="确认备案"
        onSubmit={(v) => acknowledgeFilingAction(filingId, { note: v.note ?? "" })}
        onDone={done("acknowledged")}
      />
    );
  }
  return (
    <>
      <TextActionForm
        id="accept"
        title="备案通过"
        fields={[{ name: "note", label: "备注（可不填）" }]}
        submitLabel="备案通过"
        confirm="确定备案通过？该单位随后可以发布这份报告。"
        onSubmit={(v) => acceptFilingAction(filingId, { note: v.note ?? "" })}
        onDone={done("accepted")}
      />
      <TextActionForm
        id="return"
        title="退回修改"
        fields={[{ name: "reason", label: "退回原因（下级单位可见）", type: "textarea" }]}
        submitLabel="退回"
        tone="danger"
        confirm="确定退回？报告将退回该单位修改，其填报员和审核领导会收到退回原因。"
        onSubmit={(v) => returnFilingAction(filingId, { reason: v.reason ?? "" })}
        onDone={done("returned")}
      />
    </>
  );
}
