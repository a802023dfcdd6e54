"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { settleAction } from "@/lib/action-result";
import { reportTitleSchema } from "@/lib/validations/report";
import { updateReportTitleAction } from "./actions";

/** The report title, saved when the field is left. */
export function TitleField({ reportId, title }: { reportId: number; title: string }) {
  const router = useRouter();
  const [value, setValue] = useState(title);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const save = async () => {
    if (value.trim() === title) return;
    setError(undefined);
    // The shared schema first: a pasted 5 MB title gets the field's message without a round trip.
    const checked = reportTitleSchema.safeParse({ title: value });
    if (!checked.success) {
      setError(checked.error.issues[0]?.message);
      return;
    }
    const result = await settleAction(() => updateReportTitleAction(reportId, { title: value }));
    if (!result.ok) setError(result.fieldErrors?.title ?? result.message);
    else {
      setSaved(true);
      router.refresh();
    }
  };
  return (
    <div className="mb-6 max-w-3xl">
      <label htmlFor="report-title" className="block text-sm font-medium">
        报告标题
      </label>
      <input
        id="report-title"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setSaved(false);
        }}
        onBlur={save}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "report-title-error" : undefined}
        className="mt-1 block w-full rounded border border-line bg-white px-3 py-2"
      />
      {error && (
        <p id="report-title-error" role="alert" className="mt-1 text-sm text-red-800">
          {error}
        </p>
      )}
      {saved && <p className="mt-1 text-sm text-green-800">标题已保存。</p>}
    </div>
  );
}
