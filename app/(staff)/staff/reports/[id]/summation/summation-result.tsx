"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { StatisticsTable } from "@/components/report/statistics-table";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { settleAction } from "@/lib/action-result";
import type { SummationView } from "@/lib/data/summation";
import { cellName, getFormat, type TableId } from "@/lib/formats";
import { countFindings } from "@/lib/rules";
import { CellBreakdownDialog } from "./cell-breakdown-dialog";
import { sumReportAction } from "./actions";

const display = (value: number | null) => (value === null ? "空白" : String(value));

/**
 * The sum as of now: what blocks it, its checks, what 「汇总」/「重新汇总」 would change in the
 * report's tables (old → new), the button, and the summed tables, each cell opening its breakdown.
 */
export function SummationResult({ view }: { view: SummationView }) {
  const router = useRouter();
  const [openCell, setOpenCell] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();
  const [busy, setBusy] = useState(false);
  const summed = view.summedAt !== null;
  const errors = view.findings.filter((f) => f.severity === "error");
  const counts = countFindings(view.findings);
  const blocking = view.units.filter((u) => u.problem !== null);

  const sum = async () => {
    setBusy(true);
    setMessage(undefined);
    const result = await settleAction(() => sumReportAction(view.reportId, { sourcesKey: view.sourcesKey }));
    setBusy(false);
    if (!result.ok) return setMessage({ tone: "error", text: result.message });
    setMessage({ tone: "success", text: result.data.changedCells > 0 ? `汇总完成：报告的统计表更新了 ${result.data.changedCells} 格。` : "汇总完成：报告的统计表没有变化。" });
    router.refresh();
  };

  return (
    <section aria-labelledby="result-heading" className="space-y-4">
      <h2 id="result-heading" className="text-lg font-semibold">汇总结果</h2>
      {blocking.length > 0 && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          暂不能完成汇总：{blocking.map((u) => `${u.name}（${u.problem}）`).join("；")}。请等待其报送，或将其标记为「暂缺」并填写说明。
        </div>
      )}
      <p role="status" className={`rounded border px-3 py-2 text-sm ${errors.length === 0 ? "border-green-300 bg-green-50 text-green-900" : "border-red-300 bg-red-50 text-red-900"}`}>
        {errors.length === 0
          ? `汇总结果经校验未发现错误${counts.warnings > 0 ? `（另有 ${counts.warnings} 个提醒）` : ""}。`
          : `汇总结果有 ${counts.errors + counts.blanks} 个错误${counts.blanks > 0 ? `（其中空白 ${counts.blanks} 格）` : ""}：`}
      </p>
      {errors.length > 0 && (
        <ul className="list-disc pl-6 text-sm text-red-900">
          {errors.slice(0, 20).map((f, i) => (
            <li key={i}>{f.message}</li>
          ))}
          {errors.length > 20 && <li>……另有 {errors.length - 20} 个</li>}
        </ul>
      )}
      {view.blanks.length > 0 && (
        <p className="text-sm text-amber-900">
          有空白格的数据：{view.blanks.map((b) => `${b.label}（${b.cells.length} 格）`).join("、")}。空白格不按 0 计算，汇总结果中对应格也为空白。
        </p>
      )}
      {view.incompatible.length > 0 && (
        <ul className="list-disc pl-6 text-sm text-amber-900">
          {view.incompatible.map((p) => (
            <li key={p.id}>
              {p.label}：{p.reason}
            </li>
          ))}
        </ul>
      )}
      {view.statement && <p className="text-sm">发布的报告将在统计表下注明：「{view.statement}」</p>}

      {summed &&
        (view.changes.length === 0 ? (
          <p className="text-sm text-muted">报告中的统计表与各单位当前数据一致，无需重新汇总。</p>
        ) : (
          <div>
            <p className="mb-2 text-sm font-medium">与报告中现有数据相比，重新汇总将改变以下 {view.changes.length} 格：</p>
            <div className="overflow-x-auto rounded border border-line bg-white">
              <table className="w-full text-sm" aria-label="重新汇总将改变的数据">
                <thead className="bg-gray-50 text-left">
                  <tr>
                    <th scope="col" className="px-3 py-2">栏目</th>
                    <th scope="col" className="px-3 py-2 text-right">原值</th>
                    <th scope="col" className="px-3 py-2 text-right">新值</th>
                  </tr>
                </thead>
                <tbody>
                  {view.changes.map((c) => (
                    <tr key={c.id} className="border-t border-line">
                      <th scope="row" className="px-3 py-2 text-left font-normal">
                        {c.name}
                        {c.computed && <span className="text-muted">（合计）</span>}
                      </th>
                      <td className="px-3 py-2 text-right tabular-nums">{display(c.before)}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{display(c.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      {!summed && <p className="text-sm text-muted">点击「汇总」后，报告的统计表将替换为下面的汇总结果。</p>}
      {message && <FormMessage tone={message.tone}>{message.text}</FormMessage>}
      {view.canEdit && (
        <Button onClick={sum} disabled={busy}>
          {busy ? "正在汇总…" : summed ? "重新汇总" : "汇总"}
        </Button>
      )}

      <h3 className="pt-2 text-base font-semibold">按各单位当前数据计算的汇总表</h3>
      <p className="text-sm text-muted">点击任一格，查看本级和各单位的数值。</p>
      {getFormat(view.format).tables.map((table) => (
        <StatisticsTable
          key={table.id}
          format={view.format}
          tableId={table.id as TableId}
          document={{ tables: view.sum }}
          idPrefix={`sum-${table.id}`}
          renderValue={(cellId, text) => (
            <button
              type="button"
              className="w-full cursor-pointer text-right underline decoration-dotted underline-offset-4 hover:bg-gray-50"
              aria-label={`${cellName(view.format, cellId)}：${text ?? "空白"}，查看各单位数值`}
              aria-haspopup="dialog"
              onClick={() => setOpenCell(cellId)}
            >
              {text ?? "—"}
            </button>
          )}
        />
      ))}
      {openCell && <CellBreakdownDialog format={view.format} cellId={openCell} breakdown={view.breakdown} total={view.sum} onClose={() => setOpenCell(null)} />}
    </section>
  );
}
