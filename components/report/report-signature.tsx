import type { ReportDocument } from "@/lib/interchange";
import { formatChineseDate } from "./format-date";
import { signatureClass } from "./report-styles";

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

export interface ReportSignatureProps {
  readonly document: Pick<ReportDocument, "signature" | "metadata" | "unit">;
}

/** Issuing authority and date, right-aligned at the end of the report. */
export function ReportSignature({ document }: ReportSignatureProps) {
  const { issuer, date } = signatureOf(document);
  if (!issuer && !date) return null;
  return (
    <footer className={signatureClass} data-signature>
      {issuer && <p>{issuer}</p>}
      {date && <p>{date}</p>}
    </footer>
  );
}
