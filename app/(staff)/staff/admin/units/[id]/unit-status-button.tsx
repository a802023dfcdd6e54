"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { setUnitActiveAction } from "../actions";

export function UnitStatusButton({ unitId, active }: { unitId: number; active: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const toggle = () =>
    startTransition(async () => {
      setError(undefined);
      const result = await setUnitActiveAction(unitId, !active);
      if (!result.ok) setError(result.message);
      else router.refresh();
    });
  return (
    <>
      {error && <FormMessage tone="error">{error}</FormMessage>}
      <Button variant={active ? "danger" : "secondary"} onClick={toggle} disabled={pending}>
        {active ? "停用该单位" : "重新启用"}
      </Button>
    </>
  );
}
