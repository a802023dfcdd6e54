import { Breadcrumbs, HOME_CRUMB } from "@/components/public/breadcrumbs";
import { SearchForm } from "@/components/public/search-form";

/** 404 of the citizen pages: a report that does not exist or is not (yet) public. */
export default function PublicNotFound() {
  return (
    <div className="mx-auto max-w-3xl">
      <Breadcrumbs items={[HOME_CRUMB, { label: "页面不存在" }]} />
      <section className="border border-line bg-white p-6 sm:p-8">
        <h1 className="font-serif text-2xl font-bold">页面不存在</h1>
        <p className="mt-3 text-muted">您访问的页面不存在，或该报告尚未公开。可以返回年报列表浏览，或搜索需要的内容。</p>
        <div className="mt-5">
          <SearchForm id="not-found-search" />
        </div>
        <p className="mt-5 flex flex-wrap gap-x-6">
          <a href="/reports" className="text-gov-red underline underline-offset-4">
            政府信息公开年报列表
          </a>
          <a href="/" className="text-gov-red underline underline-offset-4">
            返回首页
          </a>
        </p>
      </section>
    </div>
  );
}
