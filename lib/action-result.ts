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
