import type { ReportDocument } from "@/lib/interchange";
import { signatureOf, type SignatureLines } from "@/lib/document/report-structure";
import { signatureClass } from "./report-styles";

export { signatureOf, type SignatureLines };

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
