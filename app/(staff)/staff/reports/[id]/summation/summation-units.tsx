"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { settleAction } from "@/lib/action-result";
import type { SummationUnitRow, SummationUnitSource } from "@/lib/data/summation";
import { ABSENT_NOTE_MAX_LENGTH, absentUnitSchema } from "@/lib/validations/summation";
import { clearUnitAbsentAction, markUnitAbsentAction } from "./actions";

const SOURCE_LABELS: Readonly<Record<SummationUnitSource, string>> = {
  published: "已发布",
  filed: "已备案",
  missing: "缺报",
  absent: "暂缺",
};

function sourceText(unit: SummationUnitRow): string {
  return unit.source === "published" && unit.edition !== null && unit.edition > 1 ? `已发布（第 ${unit.edition} 版）` : SOURCE_LABELS[unit.source];
}

/** The units on the reporting list with where their figures come from; the clerk marks a missing one 「暂缺」. */
export function SummationUnits({ reportId, year, units, canEdit }: { reportId: number; year: number; units: SummationUnitRow[]; canEdit: boolean }) {
  return (
    <section aria-labelledby="units-heading">
      <h2 id="units-heading" className="mb-1 text-lg font-semibold">报送单位</h2>
      <p className="mb-3 text-sm text-muted">
        {year}年度报送单位名单内的单位。尚无已发布或已备案年报的单位须标记「暂缺」并说明原因，才能完成汇总；发布的报告将注明暂缺的单位。
      </p>
      {units.length === 0 ? (
        <p className="rounded border border-line bg-white p-4 text-muted">报送单位名单中没有单位，汇总结果即本级数据。</p>
      ) : (
        <div className="overflow-x-auto rounded border border-line bg-white">
          <table className="w-full text-sm">
            <caption className="sr-only">{year}年度报送单位及其数据来源</caption>
            <thead className="bg-gray-50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">单位</th>
                <th scope="col" className="px-3 py-2">数据来源</th>
                <th scope="col" className="px-3 py-2">说明</th>
              </tr>
            </thead>
            <tbody>
              {units.map((unit) => (
                <tr key={unit.unitId} className="border-t border-line align-top">
                  <th scope="row" className="px-3 py-2 text-left font-normal">{unit.name}</th>
                  <td className={`px-3 py-2 ${unit.source === "missing" ? "font-medium text-red-800" : ""}`}>{sourceText(unit)}</td>
                  <td className="px-3 py-2">
                    <AbsentCell reportId={reportId} unit={unit} canEdit={canEdit} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AbsentCell({ reportId, unit, canEdit }: { reportId: number; unit: SummationUnitRow; canEdit: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState("");
  const [fieldError, setFieldError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const fieldId = `absent-note-${unit.unitId}`;

  const save = async () => {
    setMessage(undefined);
    const parsed = absentUnitSchema.safeParse({ unitId: unit.unitId, note });
    if (!parsed.success) return setFieldError(parsed.error.issues[0]?.message);
    setFieldError(undefined);
    setBusy(true);
    const result = await settleAction(() => markUnitAbsentAction(reportId, parsed.data));
    setBusy(false);
    if (!result.ok) return result.fieldErrors?.note ? setFieldError(result.fieldErrors.note) : setMessage(result.message);
    setEditing(false);
    router.refresh();
  };
  const clear = async () => {
    setBusy(true);
    const result = await settleAction(() => clearUnitAbsentAction(reportId, unit.unitId));
    setBusy(false);
    if (!result.ok) return setMessage(result.message);
    router.refresh();
  };

  const reported = unit.source === "published" || unit.source === "filed";
  if (unit.absentNote !== null) {
    return (
      <div className="space-y-2">
        <p>
          暂缺说明：{unit.absentNote}
          {reported && <span className="block text-muted">该单位已有年报，汇总时计入其数据；可以取消暂缺标记。</span>}
        </p>
        {message && <FormMessage tone="error">{message}</FormMessage>}
        {canEdit && (
          <Button variant="secondary" className="px-2 py-1" onClick={clear} disabled={busy} aria-label={`取消${unit.name}的暂缺标记`}>
            取消暂缺
          </Button>
        )}
      </div>
    );
  }
  if (reported) return <span className="text-muted">计入汇总</span>;
  return (
    <div>
      {unit.problem && <p className="mb-2 text-red-800">{unit.problem}</p>}
      {canEdit &&
        (editing ? (
          <div className="max-w-md">
            {message && <FormMessage tone="error">{message}</FormMessage>}
            <TextField
              id={fieldId}
              label={`${unit.name}暂缺说明`}
              hint="例如：该单位年报尚在编制中；发布的报告将注明。"
              maxLength={ABSENT_NOTE_MAX_LENGTH}
              value={note}
              error={fieldError}
              onChange={(e) => setNote(e.target.value)}
            />
            <div className="-mt-2 flex gap-2">
              <Button className="px-2 py-1" onClick={save} disabled={busy}>
                保存暂缺
              </Button>
              <Button variant="secondary" className="px-2 py-1" onClick={() => setEditing(false)}>
                取消
              </Button>
            </div>
          </div>
        ) : (
          <Button variant="secondary" className="px-2 py-1" onClick={() => setEditing(true)} aria-label={`将${unit.name}标记为暂缺`}>
            标记暂缺
          </Button>
        ))}
    </div>
  );
}
