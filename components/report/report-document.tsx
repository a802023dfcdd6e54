import { reportBlocks, type ReportBlock } from "@/lib/document/report-structure";
import type { ReportDocument } from "@/lib/interchange";
import { isBlankHtml } from "@/lib/report-editing";
import type { ReportStatus } from "@/lib/vocabulary";
import { AttachmentTable } from "./attachment-table";
import type { FindingsSummary } from "./findings-summary";
import { MetadataBlock } from "./metadata-block";
import { NarrativeHtml } from "./narrative-html";
import { PreviewNote } from "./preview-note";
import { ReportByline } from "./report-byline";
import { ReportEditions, type ReportEdition } from "./report-editions";
import { ReportSignature } from "./report-signature";
import { articleClass, emptySectionClass, sectionHeadingClass, titleClass } from "./report-styles";
import { StatisticsTable } from "./statistics-table";

export type ReportViewMode = "public" | "preview";

export interface ReportDocumentViewProps {
  readonly document: ReportDocument;
  /** `preview`: the clerk's/leader's view of an unpublished report, with the 草稿 marker. */
  readonly mode: ReportViewMode;
  /** 浏览量; shown on public pages (0 when not given) and in preview only when given. */
  readonly viewCount?: number;
  /** Rule check counts shown in the preview marker (ignored on public pages). */
  readonly findingsSummary?: FindingsSummary;
  /** The report's status, stated by the preview marker (default 草稿). */
  readonly status?: ReportStatus;
  /** The public page, linked from the preview marker while an edition is public. */
  readonly publicHref?: string;
  /** Links to the unit's reports of other years. */
  readonly editions?: readonly ReportEdition[];
  /** Prefix of element ids, unique on the page (default `report`). */
  readonly idPrefix?: string;
}

export { reportBlocks, type ReportBlock };

/** True when sanitised HTML has no visible text (e.g. `""`, `<p></p>`, `<p><br></p>`): the editor's completion check. */
export { isBlankHtml };

/** Narrative sections a preview shows as 「（本部分尚未填写）」. */
export function countEmptySections(document: ReportDocument): number {
  return reportBlocks(document).filter((b) => b.kind === "narrative" && !b.withAttachments && (b.html === null || isBlankHtml(b.html))).length;
}

const safeId = (key: string): string => key.replace(/[^A-Za-z0-9_-]/g, "-");

function Attachments({ document, idPrefix }: { document: ReportDocument; idPrefix: string }) {
  return (
    <div data-attachments>
      {document.attachments.map((attachment, i) => (
        <AttachmentTable key={i} attachment={attachment} id={`${idPrefix}-attachment-${i + 1}`} />
      ))}
    </div>
  );
}

function BlockView({
  block,
  document,
  mode,
  idPrefix,
  summationNote,
}: {
  block: ReportBlock;
  document: ReportDocument;
  mode: ReportViewMode;
  idPrefix: string;
  /** A 汇总 report's statement of missing units, shown under its last table. */
  summationNote?: string | null;
}) {
  const headingId = `${idPrefix}-section-${safeId(block.key)}`;
  const heading = block.heading ? (
    <h2 id={headingId} className={sectionHeadingClass}>
      {block.heading}
    </h2>
  ) : null;
  const labelledBy = block.heading ? headingId : undefined;

  if (block.kind === "table") {
    return (
      <section aria-labelledby={labelledBy} data-section-key={block.key}>
        {heading}
        <StatisticsTable
          format={document.format}
          tableId={block.tableId}
          document={document}
          hideCaption={Boolean(block.heading)}
          idPrefix={`${idPrefix}${block.tableId.replace("table", "")}`}
        />
        {summationNote && (
          <p className="mt-2 text-sm" data-summation-note>
            {summationNote}
          </p>
        )}
      </section>
    );
  }
  if (block.kind === "attachments") {
    return (
      <section aria-labelledby={labelledBy} data-section-key={block.key}>
        {heading}
        <Attachments document={document} idPrefix={idPrefix} />
      </section>
    );
  }
  const blank = block.html === null || isBlankHtml(block.html);
  // A public page leaves out sections the document does not have; a preview shows the gap.
  if (block.html === null && mode === "public") return null;
  return (
    <section aria-labelledby={labelledBy} data-section-key={block.key}>
      {heading}
      {!blank && block.html !== null && <NarrativeHtml html={block.html} />}
      {blank && mode === "preview" && !block.withAttachments && (
        <p className={emptySectionClass} data-empty-section>
          （本部分尚未填写）
        </p>
      )}
      {block.withAttachments && <Attachments document={document} idPrefix={idPrefix} />}
    </section>
  );
}

/**
 * A whole report as citizens see it: 信息公开元数据, title, 发布时间 · 来源 · 浏览量, the body
 * (narrative sections, statistics tables, 附表) and the 落款. The clerk's preview renders the
 * same markup with a marker of its status on top (「草稿 · 预览」), so both look exactly alike.
 */
export function ReportDocumentView({
  document,
  mode,
  viewCount,
  findingsSummary,
  status,
  publicHref,
  editions,
  idPrefix = "r",
}: ReportDocumentViewProps) {
  const titleId = `${idPrefix}-title`;
  const blocks = reportBlocks(document);
  const lastTable = blocks.findLast((b) => b.kind === "table");
  return (
    <article aria-labelledby={titleId} className={articleClass} data-report-mode={mode} data-report-format={document.format}>
      {mode === "preview" && (
        <PreviewNote
          findingsSummary={findingsSummary && { ...findingsSummary, emptySections: countEmptySections(document) }}
          status={status}
          publicHref={publicHref}
        />
      )}
      <header>
        <MetadataBlock metadata={document.metadata} />
        <h1 id={titleId} className={titleClass}>
          {document.title}
        </h1>
        <ReportByline document={document} mode={mode} viewCount={viewCount} />
      </header>
      <div className="mt-4">
        {blocks.map((block) => (
          <BlockView
            key={`${block.kind}-${block.key}`}
            block={block}
            document={document}
            mode={mode}
            idPrefix={idPrefix}
            summationNote={block === lastTable ? document.metadata.summationNote : null}
          />
        ))}
      </div>
      <ReportSignature document={document} />
      {editions && <ReportEditions editions={editions} />}
    </article>
  );
}
