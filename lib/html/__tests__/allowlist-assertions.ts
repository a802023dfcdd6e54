/*
 * Test helper: checks that an HTML string only uses the report allowlist. Works on sanitizer or
 * editor output, where every `<` starts a real tag (text is escaped) and attribute values are
 * double-quoted.
 */
import { isAllowedReportAttribute, isAllowedReportTag, parseCellSpan } from "../allowlist";

const TAG = /<(\/?)([^\s/>]+)([^>]*)>/g;
const ATTRIBUTE = /([^\s=/]+)(?:\s*=\s*"([^"]*)")?/g;

/** Every violation of the allowlist in `html` (empty when the HTML is inside the allowlist). */
export function allowlistViolations(html: string): string[] {
  const violations: string[] = [];
  for (const [, closing, rawTag = "", rawAttributes = ""] of html.matchAll(TAG)) {
    const tag = rawTag.toLowerCase();
    if (!isAllowedReportTag(tag)) violations.push(`tag <${rawTag}>`);
    if (closing && rawAttributes.trim()) violations.push(`attributes on </${rawTag}>`);
    for (const [, name = "", value] of rawAttributes.matchAll(ATTRIBUTE)) {
      if (!isAllowedReportAttribute(tag, name)) violations.push(`attribute ${name} on <${tag}>`);
      else if (parseCellSpan(value) === null) violations.push(`${name}="${value ?? ""}" on <${tag}>`);
    }
  }
  return violations;
}

/** Tag names used in `html`, lower-cased. */
export function tagsIn(html: string): Set<string> {
  return new Set([...html.matchAll(TAG)].map((m) => (m[2] ?? "").toLowerCase()));
}
