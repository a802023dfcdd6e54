"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { PASSWORD_MAX_LENGTH } from "@/lib/validations/password";
import { loginAction, type LoginFormState } from "./actions";

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, formAction, pending] = useActionState<LoginFormState, FormData>(loginAction, {});
  return (
    <form action={formAction} noValidate>
      {state.message && <FormMessage tone="error">{state.message}</FormMessage>}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <TextField
        id="username"
        name="username"
        label="用户名"
        autoComplete="username"
        maxLength={64}
        defaultValue={state.username}
        error={state.fieldErrors?.username}
        required
      />
      <TextField
        id="password"
        name="password"
        type="password"
        label="密码"
        autoComplete="current-password"
        maxLength={PASSWORD_MAX_LENGTH}
        error={state.fieldErrors?.password}
        required
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "正在登录…" : "登录"}
      </Button>
    </form>
  );
}
