import { summationDownload } from "@/lib/data/summation";
import { AppError } from "@/lib/errors";

/** The GET handler of a 汇总 download: 401 signed out, 404 for a report the viewer may not read or that is not a 汇总. */
export function summationDownloadRoute(kind: "xlsx" | "csv") {
  return async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
    const { id } = await params;
    try {
      if (!/^\d{1,9}$/.test(id)) throw new AppError("not_found");
      return await summationDownload(Number(id), kind);
    } catch (error) {
      if (error instanceof AppError) {
        const status = error.code === "unauthenticated" ? 401 : 404;
        return new Response(status === 401 ? "请先登录。" : "未找到该汇总报告。", {
          status,
          headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
        });
      }
      throw error;
    }
  };
}
