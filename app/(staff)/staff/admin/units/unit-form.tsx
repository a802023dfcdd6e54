"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { unitSchema, unitKindValues, type UnitInput } from "@/lib/validations/unit";
import { UNIT_KIND_SHORT_LABELS } from "@/lib/vocabulary";
import { createUnitAction, updateUnitAction } from "./actions";

interface UnitFormProps {
  unitId?: number;
  defaultValues: UnitInput;
  parentOptions: { id: number; name: string; active: boolean }[];
}

export function UnitForm({ unitId, defaultValues, parentOptions }: UnitFormProps) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<UnitInput>({ resolver: zodResolver(unitSchema), defaultValues });

  const onSubmit = handleSubmit(async (values) => {
    setMessage(undefined);
    // The server parses the values again with the same schema.
    const result = unitId === undefined ? await createUnitAction(values) : await updateUnitAction(unitId, values);
    if (!result.ok) {
      setMessage({ tone: "error", text: result.message });
      for (const [field, text] of Object.entries(result.fieldErrors ?? {})) {
        setError(field as keyof UnitInput, { message: text });
      }
      return;
    }
    router.push("/staff/admin/units?saved=1");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl">
      {message && <FormMessage tone={message.tone}>{message.text}</FormMessage>}
      <TextField id="name" label="单位全称" placeholder="如：示例县青石镇人民政府" error={errors.name?.message} {...register("name")} />
      <TextField id="shortName" label="简称" placeholder="如：青石镇" error={errors.shortName?.message} {...register("shortName")} />
      <SelectField
        id="kind"
        label="单位类型"
        placeholder="请选择"
        options={unitKindValues.map((k) => ({ value: k, label: UNIT_KIND_SHORT_LABELS[k] }))}
        error={errors.kind?.message}
        {...register("kind")}
      />
      <SelectField
        id="parentId"
        label="上级单位"
        placeholder="无（本单位为最高一级）"
        options={parentOptions
          .filter((p) => p.id !== unitId)
          .map((p) => ({ value: String(p.id), label: p.active ? p.name : `${p.name}（已停用）`, disabled: !p.active }))}
        error={errors.parentId?.message}
        {...register("parentId")}
      />
      <TextField
        id="orgCode"
        label="组织机构代码 / 统一社会信用代码"
        hint="9 位组织机构代码或 18 位统一社会信用代码，用于生成索引号。"
        autoComplete="off"
        error={errors.orgCode?.message}
        {...register("orgCode")}
      />
      <TextField
        id="reportDeadline"
        label="年度报告公开截止日期（次年，月-日）"
        hint="默认 01-31，即次年 1 月 31 日；县级主管部门另有规定的按规定填写。"
        autoComplete="off"
        error={errors.reportDeadline?.message}
        {...register("reportDeadline")}
      />
      <div className="flex gap-3">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "正在保存…" : "保存"}
        </Button>
        <Button variant="secondary" onClick={() => router.push("/staff/admin/units")}>
          取消
        </Button>
      </div>
    </form>
  );
}
