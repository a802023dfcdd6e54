import { AppError } from "@/lib/errors";
import { reviewCopyDocx } from "@/lib/data/word";

/** 「导出 Word（审阅稿）」: the draft as a .docx marked 「审阅稿 · 未发布」, with the current findings at the end. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    if (!/^\d+$/.test(id)) throw new AppError("not_found");
    return await reviewCopyDocx(Number(id));
  } catch (error) {
    if (error instanceof AppError) {
      const status = error.code === "unauthenticated" ? 401 : 404;
      return new Response(status === 401 ? "请先登录。" : "未找到该报告，或该报告不能导出审阅稿。", {
        status,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
      });
    }
    throw error;
  }
}
