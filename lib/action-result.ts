import { AppError, type AppErrorCode } from "./errors";

/**
 * What every server action returns: forms show `fieldErrors` at the fields, `message` above them.
 * `code` says what kind of refusal it was ("unexpected" for a failure that is not the user's).
 */
export type ActionResult<T = void> =
  | { ok: true; data: T }
  | { ok: false; message: string; code?: AppErrorCode | "unexpected"; fieldErrors?: Record<string, string> };

/**
 * Runs a server action's work and turns expected failures into values. Unexpected errors are
 * logged and answered with a generic message. `redirect()`/`notFound()` must be called
 * outside (they throw on purpose).
 */
export async function runAction<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    const data = await work();
    return { ok: true, data };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
    }
    console.error("[action] unexpected error", error);
    return { ok: false, code: "unexpected", message: "系统繁忙，请稍后重试。如问题持续，请联系管理员。" };
  }
}

export const ACTION_FAILED_MESSAGE = "未能提交：内容过大（上限 1 MB）或网络连接中断。请精简内容后重试。";

/**
 * For client components: a server action call that throws instead of answering (a body over
 * Next.js's 1 MB limit, a refused or lost connection) becomes a message to show, not an
 * unhandled error that would replace the page.
 */
export async function settleAction<T>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await call();
  } catch {
    return { ok: false, message: ACTION_FAILED_MESSAGE };
  }
}
