"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { settleAction } from "@/lib/action-result";
import { submitReportAction } from "../review/actions";

interface SubmitFormProps {
  reportId: number;
  blocked: boolean;
  /** Each warning with what its rule checks (`rule`), to be explained by the clerk. */
  warnings: { key: string; message: string; rule: string | null }[];
}

export function SubmitForm({ reportId, blocked, warnings }: SubmitFormProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  // A submit handler rather than a form action, which React would follow by emptying the form:
  // explanations already typed stay when the server asks for a missing one.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      setMessage(undefined);
      const explanations = Object.fromEntries(warnings.map((w) => [w.key, String(form.get(w.key) ?? "")]));
      const result = await settleAction(() => submitReportAction(reportId, explanations));
      if (!result.ok) {
        setMessage(result.message);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      router.push(`/staff/reports/${reportId}/review?submitted=1`);
    });
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      {warnings.length > 0 && (
        <fieldset className="rounded border border-amber-300 bg-amber-50 p-4">
          <legend className="px-1 font-medium">提醒（{warnings.length} 条）：请逐条简要说明，审核领导会看到您的说明</legend>
          {warnings.map((w, i) => (
            <div key={w.key} className="mt-3">
              <label htmlFor={`explain-${i}`} className="block text-sm">
                {w.message}
              </label>
              {w.rule && <p className="text-xs text-muted">检查的是：{w.rule}</p>}
              <textarea
                id={`explain-${i}`}
                name={w.key}
                rows={2}
                aria-invalid={fieldErrors[w.key] ? true : undefined}
                aria-describedby={fieldErrors[w.key] ? `explain-${i}-error` : undefined}
                className="mt-1 block w-full rounded border border-line bg-white px-2 py-1"
              />
              {fieldErrors[w.key] && (
                <p id={`explain-${i}-error`} role="alert" className="text-sm text-red-800">
                  {fieldErrors[w.key]}
                </p>
              )}
            </div>
          ))}
        </fieldset>
      )}
      {message && (
        <p role="alert" className="text-sm text-red-800">
          {message}
        </p>
      )}
      <button type="submit" disabled={blocked || pending} className="rounded bg-gov-red px-4 py-2 text-white disabled:bg-gray-400">
        {pending ? "正在提交…" : "提交审核"}
      </button>
    </form>
  );
}
