
export interface ReportDownloadsProps {
  readonly reportId: number;
  /** Set when an earlier edition is shown: its own files. */
  readonly edition: number | null;
  readonly sha256: string;
}

/** report.json (the published text, byte for byte), tables.csv and the SHA-256 to check them. */
export function ReportDownloads({ reportId, edition, sha256 }: ReportDownloadsProps) {
  const suffix = edition ? `?edition=${edition}` : "";
  return (
    <section aria-labelledby="downloads-title" className="mt-6 border border-line bg-white p-4 sm:p-6 print:hidden" data-downloads>
      <h2 id="downloads-title" className="text-[1.15em] font-bold">
        下载与校验
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        <li>
          <a href={`/reports/${reportId}/report.json${suffix}`} className="text-gov-red underline underline-offset-2">
            下载报告原文（report.json）
          </a>
          <span className="text-[0.9em] text-muted"> — nianbao-report/1 格式，与发布版本逐字节一致</span>
        </li>
        <li>
          <a href={`/reports/${reportId}/tables.csv${suffix}`} className="text-gov-red underline underline-offset-2">
            下载统计表（tables.csv）
          </a>
          <span className="text-[0.9em] text-muted"> — 表二至表四，每个单元格一行</span>
        </li>
      </ul>
      <p className="mt-3 text-[0.9em]">
        本页内容对应发布版本的 SHA-256 校验值：
        <code className="mt-1 block break-all rounded bg-paper px-2 py-1 font-mono text-[0.95em]" data-sha256>
          {sha256}
        </code>
      </p>
      <p className="mt-1 text-[0.85em] text-muted">
        可用 <code>sha256sum report.json</code>（Windows：<code>certutil -hashfile report.json SHA256</code>）核对下载文件。{" "}
        <a href="/open-data" className="text-ink underline underline-offset-2">
          了解数据格式
        </a>
      </p>
    </section>
  );
}
