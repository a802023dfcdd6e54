import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { listUnitReports } from "@/lib/data/reports";
import { getViewer } from "@/lib/data/session";
import { listReportsAwaitingMyReview } from "@/lib/data/workflow";
import { loadOrNotFound } from "@/lib/load";
import { ROLE_LABELS } from "@/lib/vocabulary";
import { AwaitingMyReview } from "./awaiting-review";
import { CreateReportButton } from "./create-report-button";
import { UnitReports } from "./unit-reports";

export const metadata: Metadata = { title: "工作台" };

export default async function WorkspacePage({ searchParams }: { searchParams: Promise<{ passwordChanged?: string }> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const { passwordChanged } = await searchParams;
  return (
    <>
      {passwordChanged && (
        <p role="status" className="mb-4 rounded border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900">
          密码已修改。
        </p>
      )}
      <h1 className="mb-2 text-2xl font-semibold">工作台</h1>
      <p className="mb-6 text-muted">
        {viewer.displayName}，您好。您是{viewer.unitName}的{ROLE_LABELS[viewer.role]}。
      </p>
      {viewer.role === "admin" ? (
        <ul className="grid gap-4 sm:grid-cols-3">
          <WorkspaceLink href="/staff/admin/units" title="单位管理" text="维护省、市、县、乡镇、街道和各级政府部门，以及上下级关系和组织机构代码。" />
          <WorkspaceLink href="/staff/admin/users" title="用户管理" text="创建账号、分配角色、重置密码、解锁账号。" />
          <WorkspaceLink href="/staff/admin/audit" title="审计日志" text="查看登录、账号和数据变更的完整记录。" />
        </ul>
      ) : (
        <>
          {viewer.role === "leader" && <AwaitingMyReview reports={await listReportsAwaitingMyReview()} />}
          <UnitWorkspace />
        </>
      )}
    </>
  );
}

function WorkspaceLink({ href, title, text }: { href: string; title: string; text: string }) {
  return (
    <li>
      <Link href={href} className="block h-full rounded border border-line bg-white p-5 no-underline hover:border-gov-red">
        <span className="block text-lg font-semibold text-gov-red">{title}</span>
        <span className="mt-1 block text-sm text-muted">{text}</span>
      </Link>
    </li>
  );
}

async function UnitWorkspace() {
  const workspace = await loadOrNotFound(listUnitReports());
  return (
    <section aria-labelledby="reports-heading" className="rounded border border-line bg-white p-6">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 id="reports-heading" className="text-lg font-semibold">
          {workspace.unitName} · 年度报告
        </h2>
        {workspace.canCreate && workspace.nextYear !== null && (
          <CreateReportButton year={workspace.nextYear} lastYearUnpublished={workspace.lastYearState === "unpublished"} />
        )}
      </div>
      <UnitReports reports={workspace.reports} />
    </section>
  );
}
