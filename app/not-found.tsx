/** 404 of an address no route matches: plain HTML like the public pages (data-static-page). */
export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-6 py-16 text-center" data-static-page="">
      <h1 className="mb-4 text-2xl font-semibold">页面不存在</h1>
      <p className="mb-6 text-muted">您访问的页面不存在，或您没有权限查看。</p>
      <a href="/">返回首页</a>
    </main>
  );
}
