"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/validations/password";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm({ username }: { username: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<string>();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { username, currentPassword: "", newPassword: "", confirmPassword: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    setMessage(undefined);
    const result = await changePasswordAction(values);
    if (result.ok) {
      router.replace("/staff?passwordChanged=1");
      router.refresh();
      return;
    }
    setMessage(result.message);
    for (const [field, text] of Object.entries(result.fieldErrors ?? {})) {
      setError(field as keyof ChangePasswordInput, { message: text });
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      {message && <FormMessage tone="error">{message}</FormMessage>}
      <input type="hidden" {...register("username")} />
      <TextField
        id="currentPassword"
        type="password"
        label="当前密码"
        autoComplete="current-password"
        error={errors.currentPassword?.message}
        {...register("currentPassword")}
      />
      <TextField
        id="newPassword"
        type="password"
        label="新密码"
        autoComplete="new-password"
        hint="至少 10 个字符，包含大写字母、小写字母、数字、符号中的至少三类，不能包含用户名。"
        error={errors.newPassword?.message}
        {...register("newPassword")}
      />
      <TextField
        id="confirmPassword"
        type="password"
        label="确认新密码"
        autoComplete="new-password"
        error={errors.confirmPassword?.message}
        {...register("confirmPassword")}
      />
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "正在保存…" : "修改密码"}
      </Button>
    </form>
  );
}
