"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { NarrativeHtml } from "@/components/report/narrative-html";
import { StatisticsTable } from "@/components/report/statistics-table";
import { Button } from "@/components/ui/button";
import type { FormatId, TableId } from "@/lib/formats";
import type { ReportTables } from "@/lib/interchange";

interface Part {
  key: string;
  heading: string;
  kind: "narrative" | "table";
  tableId?: TableId;
  hasContent: boolean;
}

interface Preview {
  fileName: string;
  parts: Part[];
  result: {
    document: { sections: { key: string; heading: string; html: string }[]; tables: ReportTables };
    unplaced: string[];
    sourceHtml: string;
  };
}

type Answer<T> = { ok: true; data: T } | { ok: false; message: string; field?: string };

const UPLOAD_FAILED = "上传失败：网络连接中断或服务器无响应，请稍后重试。";

async function send<T>(reportId: number, form: FormData): Promise<Answer<T>> {
  try {
    const response = await fetch(`/staff/reports/${reportId}/import-word/upload`, { method: "POST", body: form });
    const body = (await response.json().catch(() => null)) as (T & { message?: string; fieldErrors?: Record<string, string> }) | null;
    if (response.ok && body) return { ok: true, data: body };
    const fieldErrors = body?.fieldErrors ?? {};
    const field = Object.keys(fieldErrors)[0];
    const message = (field && fieldErrors[field]) || body?.message || (response.status === 413 ? "文件过大：Word 文件不能超过 1 MB。" : UPLOAD_FAILED);
    return { ok: false, message, field };
  } catch {
    return { ok: false, message: UPLOAD_FAILED };
  }
}

/** What the browser can tell before uploading: no file, not a .docx, too large (the server checks again). */
function fileProblem(file: File | undefined, maxBytes: number): string | null {
  if (!file) return "请选择要导入的 Word 文件（.docx）。";
  if (/\.doc$/i.test(file.name)) return "这是旧版 .doc 文件：请先在 Word 或 WPS 中另存为 .docx 再导入。";
  if (!/\.docx$/i.test(file.name)) return "只能导入 Word 文档（.docx）。";
  if (file.size > maxBytes) return `文件过大：Word 文件不能超过 ${Math.round(maxBytes / 1000)} KB。可先删去其中的图片再导入。`;
  return null;
}

/**
 * Upload → the file's text beside what would be stored, with what could not be placed → confirm.
 * Nothing is stored before 「确认导入」; the clerk may leave parts out.
 */
export function WordImportForm({ reportId, format, maxBytes }: { reportId: number; format: FormatId; maxBytes: number }) {
  const router = useRouter();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());

  const currentFile = () => input.current?.files?.[0];

  async function read(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    setPreview(null);
    const file = currentFile();
    const problem = fileProblem(file, maxBytes);
    setFileError(problem);
    if (problem || !file) return;
    const form = new FormData();
    form.append("file", file);
    setBusy(true);
    const answer = await send<Preview>(reportId, form);
    setBusy(false);
    if (!answer.ok) {
      if (answer.field === "file" || !answer.field) setFileError(answer.message);
      return;
    }
    setPreview(answer.data);
    setChosen(new Set(answer.data.parts.map((p) => p.key)));
  }

  async function confirm() {
    const file = currentFile();
    if (!file || !preview) return;
    if (chosen.size === 0) {
      setFormError("请至少选择一项要导入的内容。");
      return;
    }
    const form = new FormData();
    form.append("file", file);
    form.append("confirm", "1");
    for (const key of chosen) form.append("parts", key);
    setBusy(true);
    const answer = await send<{ imported: string[] }>(reportId, form);
    setBusy(false);
    if (!answer.ok) {
      setFormError(answer.message);
      return;
    }
    router.push(`/staff/reports/${reportId}/sections/${answer.data.imported[0]}`);
    router.refresh();
  }

  const sections = new Map(preview?.result.document.sections.map((s) => [s.key, s]) ?? []);
  const toggle = (key: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(key);
    else next.delete(key);
    setChosen(next);
  };

  return (
    <div>
      <form onSubmit={read} noValidate className="mb-6 max-w-xl">
        <p className="mb-3 text-sm text-muted">
          选择本单位往年或本年的年度报告 Word 文件（.docx，不超过 {Math.round(maxBytes / 1000)} KB）。系统按「一、总体情况」至「六、其他需要报告的事项」分节，按行列名称读取表格二至四；读取后请核对，确认前不会保存任何内容。
        </p>
        <div className="mb-4">
          <label htmlFor={inputId} className="block text-sm font-medium">
            Word 文件（.docx）
          </label>
          <input
            ref={input}
            id={inputId}
            name="file"
            type="file"
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            className="mt-1 block w-full text-sm"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? `${inputId}-error` : undefined}
            onChange={() => {
              setFileError(null);
              setPreview(null);
            }}
          />
          {fileError && (
            <p id={`${inputId}-error`} role="alert" className="mt-1 text-sm text-red-800">
              {fileError}
            </p>
          )}
        </div>
        <Button type="submit" variant="secondary" disabled={busy}>
          {busy && !preview ? "正在读取…" : "读取文件"}
        </Button>
      </form>

      {preview && (
        <section aria-labelledby="word-import-result">
          <h3 id="word-import-result" className="mb-3 text-lg font-semibold">
            核对导入结果：{preview.fileName}
          </h3>
          <div aria-label="未能导入的内容" role="region" className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
            {preview.result.unplaced.length === 0 ? (
              <p>文件中的内容均已识别。</p>
            ) : (
              <>
                <p className="font-medium">以下内容未能导入，请在编辑时自行处理：</p>
                <ul className="mt-1 list-disc pl-5">
                  {preview.result.unplaced.map((item, i) => (
                    <li key={i}>{item}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <div role="region" aria-label="Word 文件原文" className="max-h-[70vh] overflow-auto rounded border border-line bg-white p-4">
              <h4 className="mb-2 font-semibold">Word 文件原文</h4>
              <NarrativeHtml html={preview.result.sourceHtml} />
            </div>
            <div role="region" aria-label="将导入的内容" className="max-h-[70vh] overflow-auto rounded border border-line bg-white p-4">
              <h4 className="mb-2 font-semibold">将导入的内容</h4>
              {preview.parts.length === 0 && <p>没有可以导入的内容。</p>}
              {preview.parts.map((part) => (
                <div key={part.key} className="mb-4 border-b border-line pb-3" data-import-part={part.key}>
                  <label className="flex items-start gap-2 font-medium">
                    <input type="checkbox" checked={chosen.has(part.key)} onChange={(e) => toggle(part.key, e.target.checked)} className="mt-1" />
                    <span>
                      导入「{part.heading || "开头部分"}」
                      {part.hasContent && <span className="ml-1 text-sm font-normal text-red-800">（将替换已填写的内容，原内容保留在历史记录中）</span>}
                    </span>
                  </label>
                  {part.kind === "narrative" ? (
                    <NarrativeHtml html={sections.get(part.key)?.html ?? ""} />
                  ) : (
                    part.tableId && <StatisticsTable format={format} tableId={part.tableId} document={{ tables: preview.result.document.tables }} idPrefix={`import-${part.key}`} />
                  )}
                </div>
              ))}
            </div>
          </div>
          {formError && (
            <p role="alert" className="mt-3 text-sm text-red-800">
              {formError}
            </p>
          )}
          <div className="mt-4 flex gap-3">
            <Button onClick={confirm} disabled={busy || preview.parts.length === 0}>
              {busy ? "正在导入…" : "确认导入"}
            </Button>
            <Button variant="secondary" onClick={() => setPreview(null)} disabled={busy}>
              取消
            </Button>
          </div>
        </section>
      )}
    </div>
  );
}
