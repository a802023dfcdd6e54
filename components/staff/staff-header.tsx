import Link from "next/link";
import { ROLE_LABELS } from "@/lib/vocabulary";
import type { Role } from "@/lib/permissions";

export interface NavItem {
  href: string;
  label: string;
}

/**
 * Navigation by role: admins manage units, users and the audit log; clerks and leaders work on
 * reports. The role alone does not tell whether the viewer's unit supervises others, so the caller
 * names the overview to offer (「县级总览」, 「市级总览」…), or none (the page checks again).
 */
export function navItemsFor(role: Role, options: { overviewTitle?: string | null } = {}): NavItem[] {
  if (role === "admin") {
    return [
      { href: "/staff", label: "工作台" },
      { href: "/staff/admin/units", label: "单位管理" },
      { href: "/staff/admin/users", label: "用户管理" },
      { href: "/staff/admin/audit", label: "审计日志" },
    ];
  }
  const items: NavItem[] = [{ href: "/staff", label: "工作台" }];
  if (options.overviewTitle) {
    items.push({ href: "/staff/overview", label: options.overviewTitle }, { href: "/staff/filings", label: "年报备案" }, { href: "/staff/checkup", label: "年报体检" });
  }
  return items;
}

interface StaffHeaderProps {
  siteName: string;
  unitName: string;
  displayName: string;
  role: Role;
  signOut: () => Promise<void>;
  /** The viewer's unread notifications (the inbox badge). */
  unreadCount?: number;
  /** The overview to offer (the viewer is a clerk or leader of a province, city or county), or null. */
  overviewTitle?: string | null;
}

export function StaffHeader({ siteName, unitName, displayName, role, signOut, unreadCount = 0, overviewTitle = null }: StaffHeaderProps) {
  return (
    <header className="bg-gov-red text-white print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-6 py-3">
        <Link href="/staff" className="text-lg font-semibold text-white no-underline">
          {siteName} · 年报工作平台
        </Link>
        <div className="flex items-center gap-4 text-sm">
          <span>
            {unitName} · {displayName}（{ROLE_LABELS[role]}）
          </span>
          <InboxLink unreadCount={unreadCount} />
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
          {navItemsFor(role, { overviewTitle }).map((item) => (
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

/** 「通知」 with the number of unread notifications; the count is part of the link's name. */
function InboxLink({ unreadCount }: { unreadCount: number }) {
  const label = unreadCount > 0 ? `通知（${unreadCount} 条未读）` : "通知";
  return (
    <Link href="/staff/inbox" aria-label={label} className="inline-flex items-center text-white underline">
      通知
      {unreadCount > 0 && (
        <span aria-hidden="true" className="ml-1 inline-block rounded-full bg-white px-1.5 text-xs font-semibold text-gov-red">
          {unreadCount > 99 ? "99+" : unreadCount}
        </span>
      )}
    </Link>
  );
}
