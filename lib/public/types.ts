/**
 * What the public site shows: the shapes lib/data/public returns to the citizen-facing pages,
 * feeds and downloads. Types only (no database, no server).
 */
import type { KeyFigures } from "@/lib/charts/key-figures";
import type { ReportDocument } from "@/lib/interchange";
import type { Paged } from "./paging";
import type { SearchPlan, TextSegment } from "./search-query";

export interface PublicUnitRef {
  readonly id: number;
  readonly name: string;
  readonly shortName: string;
}

export interface PublicReportSummary {
  readonly id: number;
  readonly year: number;
  /** Title of the live edition. */
  readonly title: string;
  readonly indexNo: string | null;
  readonly unit: PublicUnitRef;
  /** First publication. */
  readonly publishedAt: Date;
  /** Publication of the live edition (later than publishedAt after a correction). */
  readonly updatedAt: Date;
  /** Number of the live edition (1 unless corrected). */
  readonly edition: number;
  /** 修订说明 of the live edition. */
  readonly changeNote: string | null;
}

export interface PublicUnitSummary extends PublicUnitRef {
  readonly count: number;
  readonly latestYear: number;
}

// ---------------------------------------------------------------------------------------------
// One report

export interface PublicEditionInfo {
  readonly edition: number;
  readonly publishedAt: Date;
  readonly changeNote: string | null;
  readonly sha256: string;
}

export interface WithdrawalNotice {
  readonly id: number;
  readonly year: number;
  readonly title: string;
  readonly indexNo: string | null;
  readonly unit: PublicUnitRef;
  /** Null only for a record withdrawn without a date (legacy data). */
  readonly withdrawnAt: Date | null;
  readonly reason: string | null;
}

export interface PreviousYearReport {
  readonly id: number;
  readonly year: number;
  readonly title: string;
  readonly figures: KeyFigures | null;
}

export interface PublicReport {
  readonly id: number;
  readonly year: number;
  readonly unit: PublicUnitRef;
  /** The shown edition's snapshot, parsed. */
  readonly document: ReportDocument;
  /** The shown edition. */
  readonly edition: PublicEditionInfo;
  /** Whether the shown edition is the live one. */
  readonly isLive: boolean;
  readonly liveEdition: PublicEditionInfo;
  /** Every published edition, oldest first. */
  readonly editions: readonly PublicEditionInfo[];
  readonly indexNo: string | null;
  readonly firstPublishedAt: Date;
  readonly viewCount: number;
  /** The unit's public reports of every year (this one included), newest first. */
  readonly unitReports: readonly { readonly id: number; readonly year: number }[];
  readonly figures: KeyFigures | null;
  /** Last year's live report of the same unit, for the 与上年对比 panel. */
  readonly previous: PreviousYearReport | null;
  /** The shown edition's 原文 files made so far (PDF first), with their SHA-256. */
  readonly originals: readonly PublicOriginalInfo[];
}

export interface PublicOriginalInfo {
  readonly kind: "pdf" | "docx";
  readonly sha256: string;
  readonly byteSize: number;
}

/** A 原文 file as report.pdf / report.docx serve it. */
export interface PublicOriginalFile {
  readonly content: Buffer;
  readonly sha256: string;
  readonly byteSize: number;
  /** 「{unit}{year}年政府信息公开工作年度报告.pdf」 */
  readonly fileName: string;
  /** For clients that cannot read the Chinese name. */
  readonly asciiName: string;
}

export type PublicOriginalResult =
  | { readonly kind: "file"; readonly file: PublicOriginalFile }
  | { readonly kind: "pending" }
  | { readonly kind: "withdrawn"; readonly notice: WithdrawalNotice };

export type PublicReportResult = { readonly kind: "live"; readonly report: PublicReport } | { readonly kind: "withdrawn"; readonly notice: WithdrawalNotice };

export interface PublicReportFile {
  readonly id: number;
  readonly year: number;
  readonly unit: PublicUnitRef;
  readonly title: string;
  readonly edition: number;
  readonly isLive: boolean;
  /** The snapshot text exactly as hashed. */
  readonly snapshot: string;
  readonly sha256: string;
  readonly document: ReportDocument;
}

export type PublicReportFileResult = { readonly kind: "live"; readonly file: PublicReportFile } | { readonly kind: "withdrawn"; readonly notice: WithdrawalNotice };

// ---------------------------------------------------------------------------------------------
// One unit

export interface UnitTrend {
  readonly unit: PublicUnitRef;
  /** Per year, oldest first (years without national tables are left out). */
  readonly points: KeyFigures[];
}

// ---------------------------------------------------------------------------------------------
// Search

export interface PublicSearchHit extends PublicReportSummary {
  /** The title with the query marked. */
  readonly titleSegments: TextSegment[];
  /** An excerpt of the body with the query marked. */
  readonly excerpt: TextSegment[];
}

export interface PublicSearchResults extends Paged<PublicSearchHit> {
  /** The query as searched (normalized, at most 100 characters). */
  readonly query: string;
  readonly mode: SearchPlan["kind"];
}

// ---------------------------------------------------------------------------------------------
// Sitemap

export interface SitemapEntries {
  readonly reports: { id: number; lastModified: Date }[];
  readonly units: { id: number; lastModified: Date }[];
  readonly years: { year: number; lastModified: Date }[];
  readonly lastModified: Date | null;
}
