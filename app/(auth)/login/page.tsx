import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/data/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "工作人员登录" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getViewer()) redirect("/staff");
  const { callbackUrl } = await searchParams;
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">工作人员登录</h1>
      <LoginForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
      <p className="mt-6 text-sm text-muted">忘记密码或账号被锁定，请联系本单位的系统管理员。</p>
    </>
  );
}
