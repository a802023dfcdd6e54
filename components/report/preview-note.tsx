import { formatFindingsSummary, type FindingsSummary } from "./findings-summary";
import { previewNoteClass } from "./report-styles";

export interface PreviewNoteProps {
  readonly findingsSummary?: FindingsSummary;
}

/** The 「草稿 · 预览」 marker above a report that is not published yet. */
export function PreviewNote({ findingsSummary }: PreviewNoteProps) {
  return (
    <div role="note" aria-label="草稿预览提示" className={previewNoteClass} data-preview-note>
      <p className="text-base font-bold tracking-wide text-gov-red">草稿 · 预览</p>
      <p className="mt-1">本页为报告草稿的预览，显示效果与公开发布后一致，尚未对外公开。</p>
      {findingsSummary && (
        <p className="mt-1 font-medium" data-findings-summary>
          校验结果：{formatFindingsSummary(findingsSummary)}
        </p>
      )}
    </div>
  );
}
