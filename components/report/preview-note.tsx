import type { ReportStatus } from "@/lib/vocabulary";
import { REPORT_STATUS_LABELS } from "@/lib/vocabulary";
import { formatFindingsSummary, type FindingsSummary } from "./findings-summary";
import { previewNoteClass } from "./report-styles";

export interface PreviewNoteProps {
  readonly findingsSummary?: FindingsSummary;
  /** The report's workflow status (default 草稿): the marker says where the report really is. */
  readonly status?: ReportStatus;
  /** The public page of the report, when an edition of it is public (「查看公开页面」). */
  readonly publicHref?: string;
}

const STATE_SENTENCES: Readonly<Record<ReportStatus, string>> = {
  draft: "本页为报告草稿的预览，显示效果与公开发布后一致，尚未对外公开。",
  returned: "报告已退回修改，本页为修改稿的预览，尚未对外公开。",
  submitted: "报告已提交，正在等待审核领导审核，尚未对外公开。",
  filing: "报告已审核批准，正在等待上级单位备案，备案通过后方可发布，尚未对外公开。",
  approved: "报告已审核批准，等待发布，尚未对外公开。",
  scheduled: "报告已审核批准并定时发布，到时自动公开，目前尚未对外公开。",
  published: "报告已发布，公众可以在公开页面阅读。",
  withdrawn: "报告已撤回，公开页面只显示撤回说明。",
};

/** The marker above a report on staff screens: its real status (「草稿 · 预览」 … 「已发布」), the check verdict and the public page. */
export function PreviewNote({ findingsSummary, status = "draft", publicHref }: PreviewNoteProps) {
  const label = REPORT_STATUS_LABELS[status];
  const isPublished = status === "published";
  return (
    <div role="note" aria-label="报告状态提示" className={previewNoteClass} data-preview-note data-status={status}>
      <p className="text-base font-bold tracking-wide text-gov-red">{isPublished ? label : `${label} · 预览`}</p>
      <p className="mt-1">
        {STATE_SENTENCES[status]}
        {publicHref && status !== "published" && status !== "withdrawn" && "当前公开的是此前发布的版本。"}
      </p>
      {publicHref && (
        <p className="mt-1">
          <a href={publicHref} className="font-medium underline">
            查看公开页面
          </a>
        </p>
      )}
      {findingsSummary && (
        <p className="mt-1 font-medium" data-findings-summary>
          校验结果：{formatFindingsSummary(findingsSummary)}
        </p>
      )}
    </div>
  );
}
