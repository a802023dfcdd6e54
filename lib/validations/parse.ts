import type { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Characters no form field legitimately holds: U+FFFD (what invalid UTF-8 becomes when a
 * request body is decoded), lone surrogates, and control characters other than tab and line
 * breaks (NUL included).
 */
const GARBLED = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const GARBLED_TEXT_MESSAGE = "内容含有无法识别的字符（可能是乱码或控制字符），请删除后重试。";

/** The path of the first string in the input that holds garbled text, or null. */
export function findGarbledText(input: unknown): string[] | null {
  return garbledPathReversed(input, 0)?.reverse() ?? null;
}

/** findGarbledText's walk; the path is built only for the string found (innermost key first), not for every value visited. */
function garbledPathReversed(input: unknown, depth: number): string[] | null {
  if (typeof input === "string") return GARBLED.test(input) || !input.isWellFormed() ? [] : null;
  if (input === null || typeof input !== "object" || depth > 20) return null;
  for (const key of Object.keys(input)) {
    const found = garbledPathReversed((input as Record<string, unknown>)[key], depth + 1);
    if (found) {
      found.push(key);
      return found;
    }
  }
  return null;
}

/**
 * The one check for garbled text, run on everything a person saves (every shared schema through
 * parseOrThrow, and the autosave of a section): refuses the input with GARBLED_TEXT_MESSAGE at
 * the field (the first key of the path) that holds it. Tab and line breaks stay allowed.
 */
export function refuseGarbledText(input: unknown): void {
  const garbled = findGarbledText(input);
  if (garbled) {
    const field = garbled.length > 0 ? String(garbled[0]) : "form";
    throw new AppError("invalid", GARBLED_TEXT_MESSAGE, { [field]: GARBLED_TEXT_MESSAGE });
  }
}

/**
 * Parses input with a shared schema on the server; a failure becomes an AppError carrying the
 * first message per field, which the form shows at that field. Text with garbled characters
 * (invalid UTF-8, control characters) is refused before the schema runs, so it is never stored.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  refuseGarbledText(input);
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    throw new AppError("invalid", parsed.error.issues[0]?.message ?? "请按提示修改后重试。", fieldErrors);
  }
  return parsed.data;
}
