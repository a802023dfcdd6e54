import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-6 py-16 text-center">
      <h1 className="mb-4 text-2xl font-semibold">页面不存在</h1>
      <p className="mb-6 text-muted">您访问的页面不存在，或您没有权限查看。</p>
      <Link href="/">返回首页</Link>
    </main>
  );
}
