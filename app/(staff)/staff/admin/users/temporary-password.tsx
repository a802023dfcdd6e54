/** Shows a freshly issued temporary password once; it is not stored in readable form anywhere. */
export function TemporaryPassword({ username, password }: { username: string; password: string }) {
  return (
    <div role="status" className="mb-6 rounded border border-amber-300 bg-amber-50 p-4">
      <p className="mb-2 font-medium">账号 {username} 的临时密码（仅显示这一次，请当面或通过安全渠道交给本人）：</p>
      <p className="font-mono text-xl tracking-wider" data-testid="temporary-password">
        {password}
      </p>
      <p className="mt-2 text-sm text-muted">该用户首次登录时必须修改密码。</p>
    </div>
  );
}
