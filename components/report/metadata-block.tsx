import { Fragment } from "react";
import type { ReportMetadata } from "@/lib/interchange";
import { formatChinaIsoDate } from "./format-date";
import {
  metadataBodyClass,
  metadataColGroupClass,
  metadataLabelClass,
  metadataLabelColClass,
  metadataRowClass,
  metadataTableClass,
  metadataValueClass,
} from "./report-styles";

export interface MetadataBlockProps {
  readonly metadata: ReportMetadata;
}

export interface MetadataField {
  readonly label: string;
  readonly value: string;
}

const text = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/**
 * The fields of the 信息公开元数据 block in page order (spec §8.1), without the empty ones.
 * Dates are shown as `YYYY-MM-DD` in China time; a date that cannot be read is shown as stored.
 */
export function metadataFields(metadata: ReportMetadata): MetadataField[] {
  const date = (value: string | null | undefined): string | null => formatChinaIsoDate(value) ?? text(value);
  const fields: [string, string | null][] = [
    ["索引号", text(metadata.indexNo)],
    ["公开方式", text(metadata.disclosureMode)],
    ["公开范围", text(metadata.scope)],
    ["公开时限", text(metadata.retention)],
    ["发布机构", text(metadata.publisher)],
    ["成文日期", date(metadata.writtenOn)],
    ["发布日期", date(metadata.publishedAt)],
    ["文号", text(metadata.docNo)],
    ["有效性", text(metadata.validity)],
    ["主题分类", text(metadata.category)],
  ];
  return fields.flatMap(([label, value]) => (value === null ? [] : [{ label, value }]));
}

/**
 * A value with a line-break opportunity after each 「/」, so a 索引号 that must wrap (large type
 * on a phone) breaks between organisation code and number, not inside either.
 */
function FieldValue({ value }: { value: string }) {
  const parts = value.split("/");
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 && (
        <>
          /<wbr />
        </>
      )}
    </Fragment>
  ));
}

/** Pairs of fields, two label/value pairs per table row as on government pages. */
function pairs(fields: readonly MetadataField[]): [MetadataField, MetadataField | undefined][] {
  const out: [MetadataField, MetadataField | undefined][] = [];
  for (let i = 0; i < fields.length; i += 2) {
    const first = fields[i];
    if (first) out.push([first, fields[i + 1]]);
  }
  return out;
}

/**
 * The bordered 信息公开元数据 table above the report title (one field per line on a phone).
 * Renders nothing when all fields are empty.
 */
export function MetadataBlock({ metadata }: MetadataBlockProps) {
  const fields = metadataFields(metadata);
  if (fields.length === 0) return null;
  return (
    // Explicit roles: the phone layout changes the table's CSS display, which some browsers
    // take as a reason to drop its table semantics.
    <table className={metadataTableClass} role="table">
      <caption className="sr-only">信息公开元数据</caption>
      <colgroup className={metadataColGroupClass}>
        <col className={metadataLabelColClass} />
        <col />
        <col className={metadataLabelColClass} />
        <col />
      </colgroup>
      <tbody className={metadataBodyClass} role="rowgroup">
        {pairs(fields).map(([first, second]) => (
          <tr key={first.label} className={metadataRowClass} role="row">
            <th scope="row" role="rowheader" className={metadataLabelClass}>
              {first.label}
            </th>
            <td className={metadataValueClass} colSpan={second ? undefined : 3} role="cell">
              <FieldValue value={first.value} />
            </td>
            {second && (
              <>
                <th scope="row" role="rowheader" className={metadataLabelClass}>
                  {second.label}
                </th>
                <td className={metadataValueClass} role="cell">
                  <FieldValue value={second.value} />
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
