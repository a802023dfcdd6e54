"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { restoreRevisionAction } from "../../../actions";

export function RestoreButton({ reportId, sectionKey, revisionId }: { reportId: number; sectionKey: string; revisionId: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const restore = () =>
    startTransition(async () => {
      const result = await restoreRevisionAction(reportId, sectionKey, revisionId);
      if (!result.ok) setError(result.message);
      else router.push(`/staff/reports/${reportId}/sections/${sectionKey}?restored=1`);
    });
  return (
    <div>
      <button type="button" onClick={restore} disabled={pending} className="rounded border border-line px-3 py-1 text-sm hover:bg-gray-50">
        恢复此版本
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
