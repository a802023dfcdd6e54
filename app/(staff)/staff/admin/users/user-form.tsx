"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import {
  createUserSchema,
  roleValues,
  type CreateUserInput,
} from "@/lib/validations/user";
import { ROLE_LABELS } from "@/lib/vocabulary";
import { createUserAction, updateUserAction } from "./actions";
import { TemporaryPassword } from "./temporary-password";

export interface UnitOption {
  id: number;
  name: string;
  active: boolean;
}

interface UserFormProps {
  userId?: number;
  /** A new user has no role until the admin chooses one (「请选择」 is not a role). */
  defaultValues: Omit<CreateUserInput, "role"> & { role?: CreateUserInput["role"] };
  unitOptions: UnitOption[];
}

/** Create (with username) or edit (name, role, unit) a user. */
export function UserForm({ userId, defaultValues, unitOptions }: UserFormProps) {
  const router = useRouter();
  const isNew = userId === undefined;
  const [message, setMessage] = useState<string>();
  const [created, setCreated] = useState<{ username: string; password: string }>();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CreateUserInput>({
    // Editing keeps the (unchangeable) username in the values, so one schema serves both.
    resolver: zodResolver(createUserSchema),
    defaultValues,
  });

  const onSubmit = handleSubmit(async (values) => {
    setMessage(undefined);
    const result = isNew ? await createUserAction(values) : await updateUserAction(userId, values);
    if (!result.ok) {
      setMessage(result.message);
      for (const [field, text] of Object.entries(result.fieldErrors ?? {})) {
        setError(field as keyof CreateUserInput, { message: text });
      }
      return;
    }
    if (isNew && result.data) {
      setCreated({ username: values.username, password: result.data.temporaryPassword });
      return;
    }
    router.push("/staff/admin/users?saved=1");
    router.refresh();
  });

  if (created) {
    return (
      <>
        <TemporaryPassword username={created.username} password={created.password} />
        <Link href="/staff/admin/users">返回用户列表</Link>
      </>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl">
      {message && <FormMessage tone="error">{message}</FormMessage>}
      <TextField
        id="username"
        label="用户名"
        hint={isNew ? "登录用，小写字母、数字、点、下划线或连字符，如 qingshi.clerk2。" : "用户名创建后不能修改。"}
        autoComplete="off"
        readOnly={!isNew}
        error={errors.username?.message}
        {...register("username")}
      />
      <TextField id="displayName" label="姓名" autoComplete="off" error={errors.displayName?.message} {...register("displayName")} />
      <SelectField
        id="role"
        label="角色"
        placeholder="请选择"
        options={roleValues.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        error={errors.role?.message}
        {...register("role")}
      />
      <SelectField
        id="unitId"
        label="所属单位"
        placeholder="请选择"
        hint="已停用的单位不能选择。"
        options={unitOptions.map((u) => ({ value: String(u.id), label: u.active ? u.name : `${u.name}（已停用）` }))}
        error={errors.unitId?.message}
        {...register("unitId")}
      />
      <div className="flex gap-3">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "正在保存…" : isNew ? "创建账号" : "保存"}
        </Button>
        <Button variant="secondary" onClick={() => router.push("/staff/admin/users")}>
          取消
        </Button>
      </div>
    </form>
  );
}
