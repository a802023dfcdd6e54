export default function HomePage() {
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">政府信息公开工作年度报告</h1>
      <p className="text-muted">本栏目发布本县各级行政机关的政府信息公开工作年度报告。</p>
    </>
  );
}
