import type { Metadata } from "next";
import Link from "next/link";
import { buttonLinkClass } from "@/components/ui/button";
import { listUnits } from "@/lib/data/units";
import { loadOrNotFound } from "@/lib/load";
import { UNIT_KIND_SHORT_LABELS, UNIT_LEVEL_LABELS } from "@/lib/vocabulary";

export const metadata: Metadata = { title: "单位管理" };

export default async function UnitsPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const [unitList, { saved }] = await Promise.all([loadOrNotFound(listUnits()), searchParams]);
  return (
    <>
      <div className="mb-6 flex items-center justify-between">
        <h1 className="text-2xl font-semibold">单位管理</h1>
        <Link href="/staff/admin/units/new" className={buttonLinkClass()}>
          新建单位
        </Link>
      </div>
      {saved && (
        <p role="status" className="mb-4 rounded border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900">
          已保存。
        </p>
      )}
      <div className="overflow-x-auto rounded border border-line bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">全部单位</caption>
          <thead className="bg-gray-50 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">单位全称</th>
              <th scope="col" className="px-3 py-2">简称</th>
              <th scope="col" className="px-3 py-2">类型</th>
              <th scope="col" className="px-3 py-2">上级单位</th>
              <th scope="col" className="px-3 py-2">代码</th>
              <th scope="col" className="px-3 py-2 text-right">用户数</th>
              <th scope="col" className="px-3 py-2">状态</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">操作</span></th>
            </tr>
          </thead>
          <tbody>
            {unitList.map((unit) => (
              <tr key={unit.id} className="border-t border-line">
                <th scope="row" className="px-3 py-2 text-left font-normal">{unit.name}</th>
                <td className="px-3 py-2">{unit.shortName}</td>
                <td className="px-3 py-2">
                  {UNIT_KIND_SHORT_LABELS[unit.kind]}
                  {unit.kind === "department" && `（${UNIT_LEVEL_LABELS[unit.level]}）`}
                </td>
                <td className="px-3 py-2">{unit.parentName ?? "—"}</td>
                <td className="px-3 py-2 font-mono">{unit.orgCode}</td>
                <td className="px-3 py-2 text-right">{unit.userCount}</td>
                <td className="px-3 py-2">{unit.active ? "启用" : "已停用"}</td>
                <td className="px-3 py-2">
                  <Link href={`/staff/admin/units/${unit.id}`} aria-label={`编辑 ${unit.name}`}>编辑</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
