import type { Metadata } from "next";
import { Breadcrumbs, HOME_CRUMB } from "@/components/public/breadcrumbs";
import { ColumnTitle } from "@/components/public/column-title";
import { FieldTable, type FieldRow } from "@/components/public/field-table";
import { listCells } from "@/lib/formats";
import { REPORT_SCHEMA_ID } from "@/lib/interchange";
import { readingClassName, type SearchParamRecord } from "@/lib/public/url-params";
import { OPEN_DATA_FORMAT, OPEN_DATA_LEAD_COLUMNS, REPORT_TABLES_COLUMNS } from "@/lib/public/open-data-layout";
import { listPublicYears } from "@/lib/data/public/catalog";
import { readingPreferencesOf } from "../reading-preferences";

export const metadata: Metadata = {
  title: "数据开放",
  description: "政府信息公开工作年度报告的开放数据：每份报告的原文（nianbao-report/1 JSON）和统计表（CSV），按年度汇总的统计数据，以及数据格式说明。",
  alternates: { canonical: "/open-data" },
};

const TOP_FIELDS: readonly FieldRow[] = [
  { field: "schema", type: "字符串", description: `固定为 "${REPORT_SCHEMA_ID}"，表示本格式的版本。` },
  { field: "format", type: "字符串", description: "报告格式：gov-2021（国办公开办函〔2021〕30号格式）、gov-2019-trial（2019年试行格式）或 legacy-freeform（2008—2018年旧版自由格式）。" },
  { field: "year", type: "整数", description: "报告年度（统计期限为该年1月1日至12月31日）。" },
  { field: "unit.name", type: "字符串", description: "发布机构全称。" },
  { field: "unit.orgCode", type: "字符串或 null", description: "统一社会信用代码或组织机构代码。" },
  { field: "unit.kind", type: "字符串", description: "机构类型：province（省级人民政府）、city（设区的市人民政府）、county（县级人民政府）、development_zone（开发区、功能区）、township（乡镇）、subdistrict（街道）、department（各级政府部门）。" },
  { field: "unit.parentOrgCode", type: "字符串或 null（可省略）", description: "上级单位的统一社会信用代码或组织机构代码，如乡镇所属的县、县所属的市。" },
  { field: "title", type: "字符串", description: "报告标题。" },
  { field: "sections[]", type: "数组", description: "正文各部分，按顺序排列；每项含 key（如 overview、problems、other）、heading（如「一、总体情况」）和 html（仅含 p、h3、h4、strong、列表和简单表格）。" },
  { field: "tables", type: "对象", description: "统计表二、三、四，按单元格编号嵌套存放（见下文）；旧版自由格式报告没有统一统计表。" },
  { field: "attachments[]", type: "数组", description: "旧版报告的附表，原样保存：title（标题）、columns（列标题）、rows（各行文字）。" },
  { field: "signature", type: "对象或 null", description: "落款：issuer（发布机构）和 date（日期，按原文）。" },
];

const METADATA_FIELDS: readonly FieldRow[] = [
  { field: "metadata.indexNo", type: "字符串或 null", description: "索引号。" },
  { field: "metadata.disclosureMode", type: "字符串或 null", description: "公开方式，如「主动公开」。" },
  { field: "metadata.scope", type: "字符串或 null", description: "公开范围，如「面向全社会」。" },
  { field: "metadata.retention", type: "字符串或 null", description: "公开时限，如「长期公开」。" },
  { field: "metadata.publisher", type: "字符串或 null", description: "发布机构。" },
  { field: "metadata.source", type: "字符串或 null", description: "来源。" },
  { field: "metadata.writtenOn", type: "日期或 null", description: "成文日期（YYYY-MM-DD）。" },
  { field: "metadata.publishedAt", type: "时间或 null", description: "发布时间（ISO 8601，北京时间，如 2024-01-16T09:30:00+08:00）。" },
  { field: "metadata.docNo", type: "字符串或 null", description: "文号。" },
  { field: "metadata.validity", type: "字符串或 null", description: "有效性，如「有效」。" },
  { field: "metadata.category", type: "字符串或 null", description: "主题分类，如「政府信息公开年报」。" },
];

const EXAMPLE = `{
  "schema": "nianbao-report/1",
  "format": "gov-2021",
  "year": 2023,
  "unit": { "name": "示例县青石镇人民政府", "orgCode": "…", "kind": "township" },
  "title": "示例县青石镇人民政府2023年政府信息公开工作年度报告",
  "metadata": { "indexNo": "…/2024-00201", "publishedAt": "2024-01-16T09:30:00+08:00", … },
  "sections": [ { "key": "overview", "heading": "一、总体情况", "html": "<p>…</p>" }, … ],
  "tables": {
    "table2": { "normativeDocuments": { "made": 3, "repealed": 1, "valid": 17 }, … },
    "table3": { "total": { "newReceived": 28, "results": { "granted": 16, … }, "carriedForward": 1 }, … },
    "table4": { "review": { "maintain": 1, "correct": 0, "other": 0, "unfinished": 0, "total": 1 }, … }
  },
  "attachments": [],
  "signature": { "issuer": "示例县青石镇人民政府", "date": "2024年1月14日" }
}`;

const sectionClass = "mt-8 border border-line bg-white p-4 sm:p-6";
const h2Class = "text-[1.25em] font-bold text-ink";
const linkClass = "text-gov-red underline underline-offset-2";

export default async function OpenDataPage({ searchParams }: { searchParams: Promise<SearchParamRecord> }) {
  const prefs = await readingPreferencesOf(await searchParams);
  const years = await listPublicYears();
  const cells = listCells(OPEN_DATA_FORMAT);
  return (
    <div className={readingClassName(prefs)}>
      <Breadcrumbs items={[HOME_CRUMB, { label: "数据开放" }]} />
      <ColumnTitle level={1}>数据开放</ColumnTitle>
      <p className="max-w-4xl text-muted">
        本站发布的每一份政府信息公开工作年度报告都可以免费下载、复制和再利用。数据随报告发布、修订或撤回自动更新，无需注册。
      </p>

      <section aria-labelledby="downloads-title" className={sectionClass}>
        <h2 id="downloads-title" className={h2Class}>
          可下载的内容
        </h2>
        <dl className="mt-3 space-y-4">
          <div>
            <dt className="font-bold">单份报告原文（JSON）</dt>
            <dd className="mt-1">
              地址：<code className="font-mono">/reports/报告编号/report.json</code>。内容为发布时冻结的 <code>{REPORT_SCHEMA_ID}</code> 文档，
              与报告页面所示版本逐字节一致；响应头 <code>ETag</code> 即其 SHA-256 校验值（报告页面底部也有显示）。修订过的报告可加{" "}
              <code className="font-mono">?edition=1</code> 下载较早的版本。
            </dd>
          </div>
          <div>
            <dt className="font-bold">单份报告统计表（CSV）</dt>
            <dd className="mt-1">
              地址：<code className="font-mono">/reports/报告编号/tables.csv</code>。表二至表四，每个单元格一行，列为
              {REPORT_TABLES_COLUMNS.map((c) => `「${c}」`).join("")}；空白单元格的数值为空（与「0」不同）。旧版报告列出附表的各单元格。
            </dd>
          </div>
          <div>
            <dt className="font-bold">按年度汇总的统计数据（CSV）</dt>
            <dd className="mt-1">
              地址：<code className="font-mono">/open-data/年度.csv</code>。该年度每份已公开报告一行，前几列为
              {OPEN_DATA_LEAD_COLUMNS.map((c) => `「${c}」`).join("")}，其后是 2021 年版格式的全部 {cells.length} 个统计单元格，列名为单元格的中文名称（如「一、本年新收政府信息公开申请数量·自然人」）。
              {years.length > 0 ? (
                <ul className="mt-2 flex flex-wrap gap-2">
                  {years.map((y) => (
                    <li key={y.year}>
                      <a href={`/open-data/${y.year}.csv`} className="inline-block border border-line px-3 py-1.5 text-gov-red no-underline hover:border-gov-red" download>
                        {y.year}年度（{y.count}份报告）CSV
                      </a>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-2 text-muted">暂无已公开的报告。</p>
              )}
            </dd>
          </div>
          <div>
            <dt className="font-bold">更新订阅与网站地图</dt>
            <dd className="mt-1">
              <a href="/feed.xml" className={linkClass}>
                /feed.xml
              </a>
              （Atom 格式，列出最新发布和修订的报告）；
              <a href="/sitemap.xml" className={linkClass}>
                /sitemap.xml
              </a>
              （全部已公开的报告页面）。
            </dd>
          </div>
        </dl>
        <h3 className="mt-5 font-bold">约定</h3>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>CSV 文件为 UTF-8 编码（带 BOM，可直接用 Excel、WPS 打开），逗号分隔，按 RFC 4180 规则加引号，换行符为 CRLF。</li>
          <li>数值按报告原样提供，不做四舍五入；金额单位为万元。</li>
          <li>已撤回的报告不再提供下载，相应地址返回 HTTP 410 及撤回原因；不存在或尚未公开的报告返回 404。</li>
          <li>时间均为北京时间。</li>
        </ul>
      </section>

      <section aria-labelledby="format-title" className={sectionClass}>
        <h2 id="format-title" className={h2Class}>
          数据格式：{REPORT_SCHEMA_ID}
        </h2>
        <p className="mt-2">
          每份报告是一个 JSON 对象（UTF-8，两个空格缩进，以换行结尾）。未知字段应忽略；统计表的每个单元格都存在，值为数字，填报时留空的单元格为 <code>null</code>。
        </p>
        <FieldTable caption="顶层字段" rows={TOP_FIELDS} />
        <FieldTable caption="元数据（metadata）" rows={METADATA_FIELDS} />
        <h3 className="mt-5 font-bold">统计表与单元格编号</h3>
        <p className="mt-2">
          单元格编号由表号和存放路径组成：表二为 <code>table2.行.列</code>（如 <code>table2.licensing.decisions</code>）；表三按列存放，为{" "}
          <code>table3.列.行</code>（如 <code>table3.total.results.granted</code>，列为 naturalPerson、commercial、research、social、legal、otherOrg、total）；表四为{" "}
          <code>table4.组.结果</code>（如 <code>table4.review.total</code>）。在 JSON 中按编号逐级嵌套，如 <code>tables.table3.total.results.granted</code>。
        </p>
        <details className="mt-3">
          <summary className="cursor-pointer text-gov-red underline underline-offset-2">查看 2021 年版格式全部 {cells.length} 个单元格的编号和名称</summary>
          <FieldTable
            caption="2021 年版格式的统计单元格"
            rows={cells.map((c) => ({ field: c.id, type: c.type === "decimal" ? "数值（最多6位小数）" : "整数", description: c.name }))}
          />
        </details>
        <h3 className="mt-5 font-bold">示例（节选）</h3>
        <pre className="mt-2 overflow-x-auto rounded bg-paper p-3 font-mono text-[0.85em] leading-relaxed" tabIndex={0} role="region" aria-label="nianbao-report/1 示例">
          {EXAMPLE}
        </pre>
        <h3 className="mt-5 font-bold">校验</h3>
        <p className="mt-2">
          下载的 report.json 的 SHA-256 应与报告页面「下载与校验」中的值一致，例如在命令行运行 <code>sha256sum report.json</code>。每次修订都会产生新版本和新的校验值，旧版本仍可查阅。
        </p>
      </section>

      <p className="mt-6">
        <a href="/reports" className={linkClass}>
          浏览全部年度报告
        </a>
      </p>
    </div>
  );
}
