"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { resetUserPasswordAction, setUserActiveAction, unlockUserAction } from "../actions";
import { TemporaryPassword } from "../temporary-password";

interface Props {
  userId: number;
  username: string;
  active: boolean;
  locked: boolean;
}

export function UserAccountActions({ userId, username, active, locked }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [temporaryPassword, setTemporaryPassword] = useState<string>();

  const run = (work: () => Promise<ActionResult<unknown>>, done: string, confirmText?: string) =>
    startTransition(async () => {
      if (confirmText && !window.confirm(confirmText)) return;
      setError(undefined);
      setNotice(undefined);
      const result = await work();
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setNotice(done);
      router.refresh();
    });

  const resetPassword = () =>
    startTransition(async () => {
      if (!window.confirm(`确定为 ${username} 重置密码？该用户的所有登录会话将立即失效。`)) return;
      setError(undefined);
      const result = await resetUserPasswordAction(userId);
      if (result.ok) setTemporaryPassword(result.data.temporaryPassword);
      else setError(result.message);
    });

  return (
    <>
      {error && <FormMessage tone="error">{error}</FormMessage>}
      {notice && <FormMessage tone="success">{notice}</FormMessage>}
      {temporaryPassword && <TemporaryPassword username={username} password={temporaryPassword} />}
      <div className="flex flex-wrap gap-3">
        {locked && (
          <Button variant="secondary" disabled={pending} onClick={() => run(() => unlockUserAction(userId), "已解锁。")}>
            解锁账号
          </Button>
        )}
        <Button variant="secondary" disabled={pending} onClick={resetPassword}>
          重置密码
        </Button>
        <Button
          variant={active ? "danger" : "secondary"}
          disabled={pending}
          onClick={() =>
            run(
              () => setUserActiveAction(userId, !active),
              active ? "已停用，该用户的登录会话已失效。" : "已启用。",
              active ? `确定停用 ${username} 的账号？该用户将不能登录，所有登录会话立即失效。` : undefined,
            )
          }
        >
          {active ? "停用账号" : "启用账号"}
        </Button>
      </div>
    </>
  );
}
