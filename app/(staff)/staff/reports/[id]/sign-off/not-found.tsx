import Link from "next/link";

/** Shown for a report without a 审签单, and — indistinguishably — for one the viewer may not see. */
export default function SignOffNotFound() {
  return (
    <div className="mx-auto max-w-xl py-8 text-center">
      <h1 className="mb-4 text-2xl font-semibold">没有可显示的审签单</h1>
      <p className="mb-6 text-muted">
        只有经本单位审核领导批准的报告才有审签单。从档案导入的历史报告、尚未批准的报告没有审签单；报告不存在或您没有权限查看时也显示此页。
      </p>
      <Link href="/staff">返回工作台</Link>
    </div>
  );
}
