"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { createNextYearReportAction } from "./actions";

interface CreateReportButtonProps {
  year: number;
  /** Last year's report exists but has no published edition: nothing to pre-fill or compare with. */
  lastYearUnpublished: boolean;
}

/** 新建年度报告; when last year's report is not published yet, it says what that means and asks first. */
export function CreateReportButton({ year, lastYearUnpublished }: CreateReportButtonProps) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const warningRef = useRef<HTMLDivElement>(null);
  // The warning takes the focus, so that keyboard and screen-reader users meet it first.
  useEffect(() => {
    if (confirming) warningRef.current?.focus();
  }, [confirming]);
  const create = () =>
    startTransition(async () => {
      setError(undefined);
      const result = await createNextYearReportAction();
      if (!result.ok) setError(result.message);
    });
  return (
    <div className="max-w-xl">
      <Button disabled={pending || confirming} onClick={() => (lastYearUnpublished ? setConfirming(true) : create())}>
        {pending ? "正在新建…" : `新建年度报告（${year}年）`}
      </Button>
      {confirming && (
        <div ref={warningRef} tabIndex={-1} role="alertdialog" aria-labelledby="create-warning-title" aria-describedby="create-warning-text" className="mt-3 rounded border border-amber-300 bg-amber-50 p-4 text-sm">
          <p id="create-warning-title" className="font-semibold text-amber-900">
            {year - 1}年度报告尚未发布
          </p>
          <p id="create-warning-text" className="mt-1 text-amber-900">
            新建的{year}年度报告只参照已发布的上年报告：“上年结转”不会预填，各表格旁也不会显示上年数据。建议先发布{year - 1}年度报告再新建。
          </p>
          <div className="mt-3 flex gap-2">
            <Button
              disabled={pending}
              onClick={() => {
                setConfirming(false);
                create();
              }}
            >
              仍然新建
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              取消
            </Button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
