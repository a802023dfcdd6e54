import type { Metadata } from "next";
import Link from "next/link";
import { YearPicker } from "@/components/staff/year-picker";
import { getReportingList, type ReportingList } from "@/lib/data/reporting-list";
import { loadOrNotFound } from "@/lib/load";
import { FILING_MODE_LABELS, UNIT_KIND_SHORT_LABELS } from "@/lib/vocabulary";
import { ReportingListForm } from "./reporting-list-form";

export const metadata: Metadata = { title: "报送单位名单" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * 年报报送单位名单: which units directly below the viewer's unit must publish their own annual
 * report for a year. Clerks of the supervising unit edit it; its leaders read it.
 */
export default async function ReportingListPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const list = await loadOrNotFound(getReportingList({ year: first(params.year) }));
  const { year } = list;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/staff/overview?${new URLSearchParams({ year: String(year) })}`}>返回总览</Link>
      </p>
      <h1 className="mb-2 text-2xl font-semibold">报送单位名单</h1>
      <p className="mb-2 text-muted">
        {list.unitName}的直接下级单位中，{year}年度须单独编制和公开政府信息公开工作年度报告的单位。总览只统计名单内的单位，不在名单的单位单独列出，不计为逾期。
      </p>
      <p className="mb-6 text-sm text-muted">
        {list.saved ? "本年度名单已保存。" : "本年度尚未保存名单：下面是默认名单，所有直接下级单位（乡镇、街道、政府部门及下级人民政府）均列入。"}
      </p>

      <YearPicker year={year} years={list.years} />

      {list.units.length === 0 ? (
        <p className="rounded border border-line bg-white p-4 text-muted">本单位没有直接下级单位。</p>
      ) : list.canEdit ? (
        <ReportingListForm key={year} year={year} units={list.units} filingMode={list.filingMode} />
      ) : (
        <ReadOnlyList list={list} />
      )}
    </>
  );
}

function ReadOnlyList({ list }: { list: ReportingList }) {
  return (
    <>
      <p className="mb-3 text-sm text-muted">名单由本单位填报员维护，您可以查看。本单位备案方式：{FILING_MODE_LABELS[list.filingMode]}。</p>
      <div className="overflow-x-auto rounded border border-line bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">{list.year}年度报送单位名单</caption>
          <thead className="bg-gray-50 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">单位</th>
              <th scope="col" className="px-3 py-2">类型</th>
              <th scope="col" className="px-3 py-2">是否列入名单</th>
              <th scope="col" className="px-3 py-2">备案方式</th>
            </tr>
          </thead>
          <tbody>
            {list.units.map((unit) => (
              <tr key={unit.unitId} className="border-t border-line">
                <th scope="row" className="px-3 py-2 text-left font-normal">{unit.name}</th>
                <td className="px-3 py-2">{UNIT_KIND_SHORT_LABELS[unit.kind]}</td>
                <td className="px-3 py-2">{unit.included ? "列入" : `不列入（${unit.reason ?? "未说明原因"}）`}</td>
                <td className="px-3 py-2">{unit.included ? FILING_MODE_LABELS[unit.filingMode ?? list.filingMode] : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
