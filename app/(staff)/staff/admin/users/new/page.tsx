import type { Metadata } from "next";
import { listUnitOptions } from "@/lib/data/units";
import { loadOrNotFound } from "@/lib/load";
import { UserForm } from "../user-form";

export const metadata: Metadata = { title: "新建用户" };

export default async function NewUserPage() {
  const unitOptions = await loadOrNotFound(listUnitOptions());
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">新建用户</h1>
      <UserForm unitOptions={unitOptions} defaultValues={{ username: "", displayName: "", unitId: "" }} />
    </>
  );
}
