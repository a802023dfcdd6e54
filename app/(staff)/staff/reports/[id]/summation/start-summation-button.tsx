"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { settleAction } from "@/lib/action-result";
import { startSummationAction } from "./actions";

export function StartSummationButton({ reportId }: { reportId: number }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    const result = await settleAction(() => startSummationAction(reportId));
    setBusy(false);
    if (!result.ok) return setError(result.message);
    router.refresh();
  };
  return (
    <>
      {error && <FormMessage tone="error">{error}</FormMessage>}
      <Button onClick={start} disabled={busy}>
        {busy ? "正在开始…" : "开始汇总"}
      </Button>
    </>
  );
}
