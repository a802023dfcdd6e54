"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import { createUnit, setUnitActive, updateUnit } from "@/lib/data/units";
import type { UnitInput } from "@/lib/validations/unit";

export async function createUnitAction(input: UnitInput): Promise<ActionResult<{ id: number }>> {
  return runAction(async () => {
    const id = await createUnit(input);
    revalidatePath("/staff/admin/units");
    return { id };
  });
}

export async function updateUnitAction(id: number, input: UnitInput): Promise<ActionResult> {
  return runAction(async () => {
    await updateUnit(Number(id), input);
    revalidatePath("/staff/admin/units");
  });
}

export async function setUnitActiveAction(id: number, active: boolean): Promise<ActionResult> {
  return runAction(async () => {
    await setUnitActive(Number(id), active === true);
    revalidatePath("/staff/admin/units");
  });
}
