import type { Metadata } from "next";
import { listUnitOptions } from "@/lib/data/units";
import { loadOrNotFound } from "@/lib/load";
import { UnitForm } from "../unit-form";

export const metadata: Metadata = { title: "新建单位" };

export default async function NewUnitPage() {
  const parentOptions = await loadOrNotFound(listUnitOptions());
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">新建单位</h1>
      <UnitForm
        parentOptions={parentOptions}
        defaultValues={{ name: "", shortName: "", kind: "township", parentId: "", orgCode: "", reportDeadline: "01-31" }}
      />
    </>
  );
}
