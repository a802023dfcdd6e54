/**
 * The order and parts of a report as a document, shared by the page (components/report), the
 * print HTML of the 原文 PDF and the Word file: the body blocks in reading order and the 落款.
 * Pure (no React, no stylesheets), so the server's background jobs can use it outside Next.js.
 */
import { formatChineseDate } from "../../components/report/format-date";
import { getFormat, type TableId } from "../formats";
import type { ReportDocument } from "../interchange";

/** One block of the report body, in reading order. */
export type ReportBlock =
  | {
      readonly kind: "narrative";
      readonly key: string;
      readonly heading: string;
      /** `null`: a section of the format the document does not have yet. */
      readonly html: string | null;
      /** The 附表 follow this section (its heading mentions 附表). */
      readonly withAttachments: boolean;
    }
  | { readonly kind: "table"; readonly key: string; readonly heading: string; readonly tableId: TableId }
  | { readonly kind: "attachments"; readonly key: string; readonly heading: string };

/**
 * The body of a document in reading order: the format's sections in the format's order
 * (narrative sections taken from the document by key, table sections at their positions),
 * then the document's narrative sections the format does not define, in document order.
 * Legacy 附表 go after the section whose heading names them (「四、附表」), else at the end.
 */
export function reportBlocks(document: ReportDocument): ReportBlock[] {
  const format = getFormat(document.format);
  const byKey = new Map(document.sections.map((s) => [s.key, s]));
  const fixed = [...(format.preamble ? [format.preamble] : []), ...format.sections];
  const fixedKeys = new Set(fixed.map((def) => def.key));
  const blocks: ReportBlock[] = [];
  for (const def of fixed) {
    if (def.kind === "table") {
      blocks.push({ kind: "table", key: def.key, heading: def.heading, tableId: def.tableId });
      continue;
    }
    const section = byKey.get(def.key);
    blocks.push({
      kind: "narrative",
      key: def.key,
      heading: section ? section.heading : def.heading,
      html: section ? section.html : null,
      withAttachments: false,
    });
  }
  for (const section of document.sections) {
    if (fixedKeys.has(section.key)) continue;
    blocks.push({ kind: "narrative", key: section.key, heading: section.heading, html: section.html, withAttachments: false });
  }
  if (document.attachments.length > 0) {
    const host = blocks.findIndex((b) => b.kind === "narrative" && b.heading.includes("附表"));
    const hostBlock = blocks[host];
    if (hostBlock && hostBlock.kind === "narrative") blocks[host] = { ...hostBlock, withAttachments: true };
    else blocks.push({ kind: "attachments", key: "attachments", heading: "附表" });
  }
  return blocks;
}

export interface SignatureLines {
  readonly issuer: string;
  /** Empty when the date is not known yet (a draft). */
  readonly date: string;
}

/**
 * The 落款 of a document: its stored signature, or else the publisher (or the unit's name)
 * and the 成文日期 as 「YYYY年M月D日」.
 */
export function signatureOf(document: Pick<ReportDocument, "signature" | "metadata" | "unit">): SignatureLines {
  if (document.signature) return { issuer: document.signature.issuer, date: document.signature.date };
  const issuer = document.metadata.publisher?.trim() || document.unit.name;
  const date = formatChineseDate(document.metadata.writtenOn) ?? document.metadata.writtenOn?.trim() ?? "";
  return { issuer, date };
}
