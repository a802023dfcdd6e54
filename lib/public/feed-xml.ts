/**
 * The Atom feed of publications (pure: entries in, XML out), served at /feed.xml.
 */

export interface FeedEntryInput {
  readonly id: number;
  readonly title: string;
  readonly unitName: string;
  readonly year: number;
  readonly indexNo: string | null;
  readonly publishedAt: Date;
  readonly updatedAt: Date;
  readonly edition: number;
  readonly changeNote: string | null;
}

export function escapeXml(text: string): string {
  return text
    // Characters XML 1.0 does not allow.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";

export function buildAtomFeed(options: { siteUrl: string; siteName: string; entries: readonly FeedEntryInput[]; now?: Date }): string {
  const { siteUrl, siteName, entries } = options;
  const updated = (entries[0]?.updatedAt ?? options.now ?? new Date()).toISOString();
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <title>${escapeXml(`${siteName} · 政府信息公开工作年度报告`)}</title>`,
    `  <subtitle>新发布和修订的政府信息公开工作年度报告</subtitle>`,
    `  <id>${escapeXml(`${siteUrl}/`)}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(`${siteUrl}/feed.xml`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${siteUrl}/reports`)}"/>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${escapeXml(siteName)}</name></author>`,
  ];
  for (const e of entries) {
    const url = `${siteUrl}/reports/${e.id}`;
    const summary = [
      `${e.unitName}${e.year}年政府信息公开工作年度报告`,
      e.indexNo ? `索引号：${e.indexNo}` : null,
      e.edition > 1 ? `第${e.edition}版（修订）${e.changeNote ? `，修订说明：${e.changeNote}` : ""}` : null,
    ]
      .filter(Boolean)
      .join("；");
    lines.push(
      "  <entry>",
      `    <title>${escapeXml(e.edition > 1 ? `${e.title}（修订）` : e.title)}</title>`,
      `    <id>${escapeXml(url)}</id>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
      `    <link rel="enclosure" type="application/json" href="${escapeXml(`${url}/report.json`)}"/>`,
      `    <published>${e.publishedAt.toISOString()}</published>`,
      `    <updated>${e.updatedAt.toISOString()}</updated>`,
      `    <author><name>${escapeXml(e.unitName)}</name></author>`,
      `    <category term="政府信息公开年报"/>`,
      `    <summary>${escapeXml(summary)}</summary>`,
      "  </entry>",
    );
  }
  lines.push("</feed>", "");
  return lines.join("\n");
}
