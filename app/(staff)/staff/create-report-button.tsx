"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { createNextYearReportAction } from "./actions";

export function CreateReportButton({ year }: { year: number }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <div>
      <Button
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(undefined);
            const result = await createNextYearReportAction();
            if (!result.ok) setError(result.message);
          })
        }
      >
        {pending ? "正在新建…" : `新建年度报告（${year}年）`}
      </Button>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
