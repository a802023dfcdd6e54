import type { ReportMetadata } from "@/lib/interchange";
import { formatChinaIsoDate } from "./format-date";
import { metadataLabelClass, metadataLabelColClass, metadataTableClass, metadataValueClass } from "./report-styles";

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

/** Pairs of fields, two label/value pairs per table row as on government pages. */
function pairs(fields: readonly MetadataField[]): [MetadataField, MetadataField | undefined][] {
  const out: [MetadataField, MetadataField | undefined][] = [];
  for (let i = 0; i < fields.length; i += 2) {
    const first = fields[i];
    if (first) out.push([first, fields[i + 1]]);
  }
  return out;
}

/** The bordered 信息公开元数据 table above the report title. Renders nothing when all fields are empty. */
export function MetadataBlock({ metadata }: MetadataBlockProps) {
  const fields = metadataFields(metadata);
  if (fields.length === 0) return null;
  return (
    <table className={metadataTableClass}>
      <caption className="sr-only">信息公开元数据</caption>
      <colgroup>
        <col className={metadataLabelColClass} />
        <col />
        <col className={metadataLabelColClass} />
        <col />
      </colgroup>
      <tbody>
        {pairs(fields).map(([first, second]) => (
          <tr key={first.label}>
            <th scope="row" className={metadataLabelClass}>
              {first.label}
            </th>
            <td className={metadataValueClass} colSpan={second ? undefined : 3}>
              {first.value}
            </td>
            {second && (
              <>
                <th scope="row" className={metadataLabelClass}>
                  {second.label}
                </th>
                <td className={metadataValueClass}>{second.value}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
