import { exportAuditLog } from "@/lib/data/audit";
import { AppError } from "@/lib/errors";
import { auditFilterSchema } from "@/lib/validations/user";

export const dynamic = "force-dynamic";

/**
 * 「导出 JSON」 of the audit screen: the rows the filter selects, with the codes machines read
 * (action, role, result, target type) and the raw details — the screen shows their Chinese names.
 */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const filter = auditFilterSchema.parse({
    user: params.get("user") || undefined,
    action: params.get("action") || undefined,
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
    page: 1,
  });
  const headers = { "Cache-Control": "private, no-store" };
  try {
    const rows = await exportAuditLog(filter);
    return new Response(`${JSON.stringify(rows.map((row) => ({ ...row, at: row.at.toISOString() })), null, 2)}\n`, {
      headers: { ...headers, "Content-Type": "application/json; charset=utf-8", "Content-Disposition": 'attachment; filename="audit-log.json"' },
    });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ message: error.message }, { status: error.status, headers });
    throw error;
  }
}
