import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getUnitForEditing, listUnitOptions } from "@/lib/data/units";
import { loadOrNotFound } from "@/lib/load";
import { UnitForm } from "../unit-form";
import { UnitStatusButton } from "./unit-status-button";

export const metadata: Metadata = { title: "编辑单位" };

export default async function EditUnitPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const [unit, parentOptions] = await Promise.all([
    loadOrNotFound(getUnitForEditing(Number(id))),
    loadOrNotFound(listUnitOptions()),
  ]);
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">编辑单位：{unit.name}</h1>
      <UnitForm
        unitId={unit.id}
        parentOptions={parentOptions}
        defaultValues={{
          name: unit.name,
          shortName: unit.shortName,
          kind: unit.kind,
          parentId: unit.parentId === null ? "" : String(unit.parentId),
          orgCode: unit.orgCode,
          reportDeadline: unit.reportDeadline,
        }}
      />
      <section aria-labelledby="status-heading" className="mt-10 max-w-xl rounded border border-line bg-white p-5">
        <h2 id="status-heading" className="mb-2 text-lg font-semibold">
          状态：{unit.active ? "启用" : "已停用"}
        </h2>
        <p className="mb-4 text-sm text-muted">停用后不能再为该单位创建账号，已有数据和历史记录保留。</p>
        <UnitStatusButton unitId={unit.id} active={unit.active} />
      </section>
    </>
  );
}
