import type { Metadata } from "next";
import Link from "next/link";
import { buttonLinkClass } from "@/components/ui/button";
import { listUnitOptions } from "@/lib/data/units";
import { listUsers } from "@/lib/data/users";
import { loadOrNotFound } from "@/lib/load";
import { roleValues, userFilterSchema } from "@/lib/validations/user";
import { ROLE_LABELS } from "@/lib/vocabulary";
import { chinaDateTime } from "@/lib/time";

export const metadata: Metadata = { title: "用户管理" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const filter = userFilterSchema.parse({ unit: params.unit || undefined, role: params.role || undefined });
  const [userList, unitOptions] = await Promise.all([loadOrNotFound(listUsers(filter)), loadOrNotFound(listUnitOptions())]);
  const now = new Date();
  return (
    <>
      <div className="mb-6 flex items-center justify-between">
        <h1 className="text-2xl font-semibold">用户管理</h1>
        <Link href="/staff/admin/users/new" className={buttonLinkClass()}>
          新建用户
        </Link>
      </div>
      {params.saved && (
        <p role="status" className="mb-4 rounded border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900">
          已保存。
        </p>
      )}
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3 rounded border border-line bg-white p-4">
        <label className="text-sm">
          单位
          <select name="unit" defaultValue={filter.unit ?? ""} className="ml-2 rounded border border-line px-2 py-1">
            <option value="">全部</option>
            {unitOptions.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          角色
          <select name="role" defaultValue={filter.role ?? ""} className="ml-2 rounded border border-line px-2 py-1">
            <option value="">全部</option>
            {roleValues.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonLinkClass("secondary")}>
          筛选
        </button>
      </form>
      <div className="overflow-x-auto rounded border border-line bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">用户列表</caption>
          <thead className="bg-gray-50 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">用户名</th>
              <th scope="col" className="px-3 py-2">姓名</th>
              <th scope="col" className="px-3 py-2">角色</th>
              <th scope="col" className="px-3 py-2">单位</th>
              <th scope="col" className="px-3 py-2">状态</th>
              <th scope="col" className="px-3 py-2">最近登录</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">操作</span></th>
            </tr>
          </thead>
          <tbody>
            {userList.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-muted">没有符合条件的用户。</td>
              </tr>
            )}
            {userList.map((user) => (
              <tr key={user.id} className="border-t border-line">
                <th scope="row" className="px-3 py-2 text-left font-mono font-normal">{user.username}</th>
                <td className="px-3 py-2">{user.displayName}</td>
                <td className="px-3 py-2">{ROLE_LABELS[user.role]}</td>
                <td className="px-3 py-2">{user.unitName}</td>
                <td className="px-3 py-2">
                  {!user.active
                    ? "已停用"
                    : user.lockedUntil && user.lockedUntil > now
                      ? `已锁定至 ${chinaDateTime(user.lockedUntil)}`
                      : user.mustChangePassword
                        ? "待修改初始密码"
                        : "正常"}
                </td>
                <td className="px-3 py-2">{user.lastLoginAt ? chinaDateTime(user.lastLoginAt) : "—"}</td>
                <td className="px-3 py-2">
                  <Link href={`/staff/admin/users/${user.id}`} aria-label={`管理 ${user.username}`}>管理</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
