export type AppErrorCode = "unauthenticated" | "forbidden" | "not_found" | "conflict" | "invalid" | "too_large";

const STATUS: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 400,
  too_large: 413,
};

const DEFAULT_MESSAGE: Record<AppErrorCode, string> = {
  unauthenticated: "请先登录。",
  forbidden: "您没有权限执行此操作。",
  not_found: "未找到该内容。",
  conflict: "内容已被他人修改，请刷新后重试。",
  invalid: "提交的内容有误，请检查后重试。",
  too_large: "提交的内容过大。",
};

/**
 * An expected failure with its HTTP meaning and a message a user can read.
 * `fieldErrors` maps form field names to Chinese messages shown at the field.
 */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  readonly fieldErrors?: Record<string, string>;

  constructor(code: AppErrorCode, message?: string, fieldErrors?: Record<string, string>) {
    super(message ?? DEFAULT_MESSAGE[code]);
    this.name = "AppError";
    this.code = code;
    this.status = STATUS[code];
    this.fieldErrors = fieldErrors;
  }
}

export function fieldError(field: string, message: string): AppError {
  return new AppError("invalid", message, { [field]: message });
}
