import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/data/session";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "修改密码" };

export default async function ChangePasswordPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login?callbackUrl=/change-password");
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">修改密码</h1>
      {viewer.mustChangePassword ? (
        <p className="mb-6 text-sm text-muted">您正在使用管理员发放的临时密码，请先设置自己的新密码后再继续使用系统。</p>
      ) : (
        <p className="mb-6 text-sm">
          <Link href="/staff">返回工作台</Link>
        </p>
      )}
      <ChangePasswordForm username={viewer.username} />
    </>
  );
}
