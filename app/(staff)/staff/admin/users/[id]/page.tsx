import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listUnitOptions } from "@/lib/data/units";
import { getUserForEditing } from "@/lib/data/users";
import { loadOrNotFound } from "@/lib/load";
import { UserForm } from "../user-form";
import { UserAccountActions } from "./user-account-actions";
import { chinaDateTime } from "@/lib/time";

export const metadata: Metadata = { title: "管理用户" };

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const [user, unitOptions] = await Promise.all([loadOrNotFound(getUserForEditing(Number(id))), loadOrNotFound(listUnitOptions())]);
  const locked = user.lockedUntil !== null && user.lockedUntil > new Date();
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">管理用户：{user.displayName}（{user.username}）</h1>
      <UserForm
        userId={user.id}
        unitOptions={unitOptions}
        defaultValues={{ username: user.username, displayName: user.displayName, role: user.role, unitId: String(user.unitId) }}
      />
      <section aria-labelledby="account-heading" className="mt-10 max-w-xl rounded border border-line bg-white p-5">
        <h2 id="account-heading" className="mb-2 text-lg font-semibold">账号</h2>
        <p className="mb-4 text-sm">
          状态：{user.active ? "启用" : "已停用"}
          {locked && user.lockedUntil && `；因连续登录失败已锁定至 ${chinaDateTime(user.lockedUntil)}`}
        </p>
        <UserAccountActions userId={user.id} username={user.username} active={user.active} locked={locked} />
      </section>
    </>
  );
}
