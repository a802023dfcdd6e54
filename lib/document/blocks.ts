import { getFormat, type TableId } from "@/lib/formats";
import type { ReportDocument } from "@/lib/interchange";

/** One block of a report's body in reading order (the same order as the report page). */
export type DocumentBlock =
  | { readonly kind: "narrative"; readonly key: string; readonly heading: string; readonly html: string; readonly withAttachments: boolean }
  | { readonly kind: "table"; readonly key: string; readonly heading: string; readonly tableId: TableId }
  | { readonly kind: "attachments"; readonly key: string; readonly heading: string };

/**
 * The format's sections in the format's order (narrative sections from the document by key,
 * table sections at their positions), then the document's own sections the format does not
 * define; 附表 after the section whose heading names them, else at the end.
 */
export function documentBlocks(document: ReportDocument): DocumentBlock[] {
  const format = getFormat(document.format);
  const byKey = new Map(document.sections.map((s) => [s.key, s]));
  const fixed = [...(format.preamble ? [format.preamble] : []), ...format.sections];
  const fixedKeys = new Set(fixed.map((def) => def.key));
  const blocks: DocumentBlock[] = [];
  for (const def of fixed) {
    if (def.kind === "table") {
      blocks.push({ kind: "table", key: def.key, heading: def.heading, tableId: def.tableId });
      continue;
    }
    const section = byKey.get(def.key);
    blocks.push({ kind: "narrative", key: def.key, heading: section?.heading ?? def.heading, html: section?.html ?? "", withAttachments: false });
  }
  for (const section of document.sections) {
    if (!fixedKeys.has(section.key)) blocks.push({ kind: "narrative", key: section.key, heading: section.heading, html: section.html, withAttachments: false });
  }
  if (document.attachments.length > 0) {
    const host = blocks.findIndex((b) => b.kind === "narrative" && b.heading.includes("附表"));
    const hostBlock = blocks[host];
    if (hostBlock && hostBlock.kind === "narrative") blocks[host] = { ...hostBlock, withAttachments: true };
    else blocks.push({ kind: "attachments", key: "attachments", heading: "附表" });
  }
  return blocks;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})/;

/** The 落款: the stored signature, else the publisher (or unit) and the 成文日期 as 「YYYY年M月D日」. */
export function signatureLines(document: ReportDocument): { issuer: string; date: string } {
  if (document.signature) return document.signature;
  const issuer = document.metadata.publisher?.trim() || document.unit.name;
  const written = document.metadata.writtenOn?.trim() ?? "";
  const m = ISO_DATE.exec(written);
  return { issuer, date: m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : written };
}
