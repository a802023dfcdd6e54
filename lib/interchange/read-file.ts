/**
 * Reading a nianbao-report/1 file from disk for the archive commands (report:import,
 * report:check). Node only — not exported from the browser-safe index.
 */
import fs from "node:fs";

/** Largest report file accepted: a real report is well under 1 MB, a large archive a few MB. */
export const MAX_REPORT_FILE_BYTES = 10 * 1024 * 1024;

export type ReadReportFileResult = { ok: true; text: string } | { ok: false; message: string };

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * Reads a report file as UTF-8, refusing — before reading anything into memory — a file larger
 * than the limit or one that is not a regular file (a device or pipe would never end), and a
 * file that is not valid UTF-8. Never reads more than limit + 1 bytes, even if the file grows.
 */
export function readReportFile(file: string, limit = MAX_REPORT_FILE_BYTES): ReadReportFileResult {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (error) {
    return { ok: false, message: `${error instanceof Error ? error.message : error}` };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { ok: false, message: `不是普通文件 (not a regular file)` };
    if (stat.size > limit) {
      return {
        ok: false,
        message: `文件过大（${mb(stat.size)} MB），年报文件不能超过 ${mb(limit)} MB (file too large: ${stat.size} bytes, limit ${limit})`,
      };
    }
    // One byte more than the file's size: if it is filled, the file grew while being read.
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > stat.size) return { ok: false, message: `文件在读取时被修改，请稍后重试 (file changed while reading)` };
    try {
      return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(buffer.subarray(0, length)) };
    } catch {
      return { ok: false, message: `不是有效的 UTF-8 文本 (not valid UTF-8)` };
    }
  } finally {
    fs.closeSync(fd);
  }
}
