import Link from "next/link";
import { ROLE_LABELS } from "@/lib/validations/user";
import type { Role } from "@/lib/permissions";

export interface NavItem {
  href: string;
  label: string;
}

/** Navigation by role: admins manage units, users and the audit log; clerks and leaders work on reports. */
export function navItemsFor(role: Role): NavItem[] {
  if (role === "admin") {
    return [
      { href: "/staff", label: "工作台" },
      { href: "/staff/admin/units", label: "单位管理" },
      { href: "/staff/admin/users", label: "用户管理" },
      { href: "/staff/admin/audit", label: "审计日志" },
    ];
  }
  return [{ href: "/staff", label: "工作台" }];
}

interface StaffHeaderProps {
  siteName: string;
  unitName: string;
  displayName: string;
  role: Role;
  signOut: () => Promise<void>;
}

export function StaffHeader({ siteName, unitName, displayName, role, signOut }: StaffHeaderProps) {
  return (
    <header className="bg-gov-red text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-6 py-3">
        <Link href="/staff" className="text-lg font-semibold text-white no-underline">
          {siteName} · 年报工作平台
        </Link>
        <div className="flex items-center gap-4 text-sm">
          <span>
            {unitName} · {displayName}（{ROLE_LABELS[role]}）
          </span>
          <Link href="/change-password" className="text-white underline">
            修改密码
          </Link>
          <form action={signOut}>
            <button type="submit" className="rounded border border-white/70 px-3 py-1 hover:bg-white/10">
              退出
            </button>
          </form>
        </div>
      </div>
      <nav aria-label="主导航" className="bg-gov-red-dark">
        <ul className="mx-auto flex max-w-6xl gap-1 px-6">
          {navItemsFor(role).map((item) => (
            <li key={item.href}>
              <Link href={item.href} className="block px-3 py-2 text-sm text-white no-underline hover:bg-white/10">
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
