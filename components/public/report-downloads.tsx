import { EDITION_FILE_LABELS, type EditionFileKind } from "@/lib/document/file-kinds";

export interface ReportDownloadsProps {
  readonly reportId: number;
  /** Set when an earlier edition is shown: its own files. */
  readonly edition: number | null;
  readonly sha256: string;
  /** The 原文 files (PDF, Word) made so far for the shown edition, with their SHA-256. */
  readonly originals?: readonly { readonly kind: EditionFileKind; readonly sha256: string; readonly byteSize: number }[];
}

const sizeText = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/**
 * 原文 (PDF, Word: the report laid out as a government document), report.json (the published
 * text, byte for byte), tables.csv and the SHA-256 to check them. The 原文 files are made by the
 * server shortly after publication; until then the list says so.
 */
export function ReportDownloads({ reportId, edition, sha256, originals = [] }: ReportDownloadsProps) {
  const suffix = edition ? `?edition=${edition}` : "";
  return (
    <section aria-labelledby="downloads-title" className="mt-6 border border-line bg-white p-4 sm:p-6 print:hidden" data-downloads>
      <h2 id="downloads-title" className="text-[1.15em] font-bold">
        下载与校验
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        {originals.map((file) => (
          <li key={file.kind}>
            <a href={`/reports/${reportId}/report.${file.kind}${suffix}`} download className="text-gov-red underline underline-offset-2">
              下载原文（{EDITION_FILE_LABELS[file.kind]}）
            </a>
            <span className="text-[0.9em] text-muted">
              {" "}
              — 按公文格式排版，{sizeText(file.byteSize)}
            </span>
          </li>
        ))}
        {originals.length === 0 && (
          <li data-originals-pending>
            原文正在生成<span className="text-[0.9em] text-muted"> — PDF 和 Word 版本将在发布后几分钟内提供，请稍后刷新本页</span>
          </li>
        )}
        <li>
          <a href={`/reports/${reportId}/report.json${suffix}`} download className="text-gov-red underline underline-offset-2">
            下载原文数据（JSON）
          </a>
          <span className="text-[0.9em] text-muted"> — 与发布版本逐字节一致，可用于核验和再利用</span>
        </li>
        <li>
          <a href={`/reports/${reportId}/tables.csv${suffix}`} className="text-gov-red underline underline-offset-2">
            下载统计表（tables.csv）
          </a>
          <span className="text-[0.9em] text-muted"> — 表二至表四，每个单元格一行</span>
        </li>
      </ul>
      <details className="mt-3 text-[0.9em]">
        <summary className="cursor-pointer text-ink underline-offset-4 hover:text-gov-red hover:underline">如何核验</summary>
        <p className="mt-2">
          下载的原文数据与本页发布版本一致时，其 SHA-256 校验值为：
          <code className="mt-1 block break-all rounded bg-paper px-2 py-1 font-mono text-[0.95em]" data-sha256>
            {sha256}
          </code>
        </p>
        {originals.map((file) => (
          <p key={file.kind} className="mt-2">
            原文（{EDITION_FILE_LABELS[file.kind]}）文件的 SHA-256 校验值为：
            <code className="mt-1 block break-all rounded bg-paper px-2 py-1 font-mono text-[0.95em]" data-original-sha256={file.kind}>
              {file.sha256}
            </code>
          </p>
        ))}
        <p className="mt-1 text-muted">
          可用 <code>sha256sum</code> 命令（Windows：<code>certutil -hashfile 文件名 SHA256</code>）计算下载文件的校验值进行核对。{" "}
          <a href="/open-data" className="text-ink underline underline-offset-2">
            了解数据格式
          </a>
        </p>
      </details>
    </section>
  );
}
