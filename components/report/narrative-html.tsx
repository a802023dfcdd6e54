import { narrativeClass } from "./report-styles";

export interface NarrativeHtmlProps {
  /** Sanitised HTML of a narrative section. */
  readonly html: string;
}

/** The body of a narrative section, with Chinese paragraph conventions applied to its HTML. */
export function NarrativeHtml({ html }: NarrativeHtmlProps) {
  // The HTML was sanitised on the server when it was saved or imported (allowlist: p, h3, h4,
  // strong, ol, ul, li, br and table parts with colspan/rowspan), so it is rendered as is.
  return <div className={narrativeClass} dangerouslySetInnerHTML={{ __html: html }} />;
}
