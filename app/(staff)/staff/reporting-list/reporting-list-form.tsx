"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { settleAction } from "@/lib/action-result";
import { FOLLOW_SUPERVISOR } from "@/lib/filing";
import { EXCLUSION_REASONS } from "@/lib/reporting-list";
import { reportingListSchema, type ReportingListInput } from "@/lib/validations/reporting-list";
import { FILING_MODE_LABELS, FILING_MODES, UNIT_KIND_SHORT_LABELS, type FilingMode, type UnitKind } from "@/lib/vocabulary";
import { saveReportingListAction } from "./actions";

interface ListUnit {
  unitId: number;
  name: string;
  kind: UnitKind;
  included: boolean;
  reason: string | null;
  filingMode: FilingMode | null;
}

/** The clerk's list: a checkbox per unit (labelled by its name); a unit left out asks for a reason. */
export function ReportingListForm({ year, units, filingMode }: { year: number; units: ListUnit[]; filingMode: FilingMode }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    formState: { errors, isSubmitting },
  } = useForm<ReportingListInput>({
    resolver: zodResolver(reportingListSchema),
    defaultValues: {
      year,
      filingMode,
      entries: units.map((u) => ({ unitId: u.unitId, included: u.included, reason: u.reason ?? "", filingMode: u.filingMode ?? FOLLOW_SUPERVISOR })),
    },
  });
  const entries = useWatch({ control, name: "entries" });
  const unitMode = useWatch({ control, name: "filingMode" }) ?? filingMode;
  const modeOptions = FILING_MODES.map((mode) => ({ value: mode, label: FILING_MODE_LABELS[mode] }));

  const onSubmit = handleSubmit(
    async (values) => {
      setMessage(undefined);
      // The server checks the same schema again, and that every unit is directly below this one.
      const result = await settleAction(() => saveReportingListAction(values));
      if (!result.ok) {
        setMessage({ tone: "error", text: result.message });
        for (const [field, text] of Object.entries(result.fieldErrors ?? {})) setError(field as `entries.${number}.reason`, { message: text });
        return;
      }
      setMessage({ tone: "success", text: `已保存${year}年度报送单位名单。` });
      router.refresh();
    },
    () => setMessage({ tone: "error", text: "名单未保存：请为每个不列入名单的单位说明原因。" }),
  );

  return (
    <form onSubmit={onSubmit} noValidate>
      {message && <FormMessage tone={message.tone}>{message.text}</FormMessage>}
      <div className="mb-4 max-w-xl rounded border border-line bg-white p-4">
        <SelectField
          id="filing-mode"
          label="备案方式"
          hint="名单内单位的年度报告如何向本单位备案：发布前备案须经本单位备案通过后方可发布；发布后备案在发布后报本单位确认。各单位可在下方单独设置。"
          options={modeOptions}
          error={errors.filingMode?.message}
          {...register("filingMode")}
        />
      </div>
      <fieldset className="mb-4 rounded border border-line bg-white p-4">
        <legend className="px-1 text-sm font-medium">{year}年度须单独编制和公开年度报告的单位（勾选即列入名单）</legend>
        <ul className="divide-y divide-line">
          {units.map((unit, i) => {
            const included = entries?.[i]?.included ?? unit.included;
            const reasonId = `reason-${unit.unitId}`;
            return (
              <li key={unit.unitId} className="py-3">
                <div className="flex items-center gap-2">
                  <input id={`included-${unit.unitId}`} type="checkbox" className="h-4 w-4" {...register(`entries.${i}.included`)} />
                  <label htmlFor={`included-${unit.unitId}`} className="font-medium">
                    {unit.name}
                  </label>
                  <span className="text-sm text-muted">{UNIT_KIND_SHORT_LABELS[unit.kind]}</span>
                </div>
                {included && (
                  <div className="mt-2 ml-6 max-w-xs">
                    <SelectField
                      id={`filing-mode-${unit.unitId}`}
                      label={`${unit.name}的备案方式`}
                      options={[{ value: FOLLOW_SUPERVISOR, label: `按本单位设置（${FILING_MODE_LABELS[unitMode]}）` }, ...modeOptions]}
                      error={errors.entries?.[i]?.filingMode?.message}
                      {...register(`entries.${i}.filingMode`)}
                    />
                  </div>
                )}
                {!included && (
                  <div className="mt-2 ml-6 max-w-xl">
                    <TextField
                      id={reasonId}
                      label={`${unit.name}不列入名单的原因`}
                      hint="如垂直管理、不具备独立性、已撤并，也可以自行填写。"
                      maxLength={100}
                      error={errors.entries?.[i]?.reason?.message}
                      {...register(`entries.${i}.reason`)}
                    />
                    <div role="group" aria-label={`${unit.name}的常用原因`} className="-mt-2 flex flex-wrap gap-2">
                      {EXCLUSION_REASONS.map((reason) => (
                        <Button
                          key={reason}
                          variant="secondary"
                          className="px-2 py-1"
                          onClick={() => setValue(`entries.${i}.reason`, reason, { shouldValidate: true, shouldDirty: true })}
                        >
                          {reason}
                        </Button>
                      ))}
                    </div>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "正在保存…" : "保存名单"}
      </Button>
    </form>
  );
}
