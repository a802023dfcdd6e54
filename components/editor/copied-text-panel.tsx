"use client";

import type { CopiedTextCheck } from "@/lib/report-editing";
import type { Segment } from "@/lib/rules";

type Match = NonNullable<CopiedTextCheck["match"]>;

/** Segments grouped by paragraph, shared runs marked. */
function Passages({ segments, label }: { segments: readonly Segment[]; label: string }) {
  const paragraphs: Segment[][] = [];
  for (const segment of segments) (paragraphs[segment.paragraph] ??= []).push(segment);
  return (
    <div aria-label={label} className="max-h-96 overflow-y-auto rounded border border-line bg-white p-3 font-serif leading-relaxed">
      {paragraphs.map((runs, p) => (
        <p key={p} className="mb-2">
          {runs.map((run, i) =>
            run.shared ? (
              <mark key={i} className="bg-amber-200 text-ink">
                {run.text}
              </mark>
            ) : (
              <span key={i}>{run.text}</span>
            ),
          )}
        </p>
      ))}
    </div>
  );
}

/**
 * 雷同 of the section being edited: when it reaches the warning line, the section and the
 * text it shares most with side by side, the shared passages marked; below it, one line.
 */
export function CopiedTextPanel({ check, sourceHeading }: { check: CopiedTextCheck | undefined; sourceHeading: (match: Match) => string }) {
  if (!check) return null;
  const match = check.match;
  if (!match) {
    return (
      <p className="text-sm text-muted" data-testid="copied-text-note">
        雷同检查：本节没有与上年报告或其他单位已公开报告相同的文字。
      </p>
    );
  }
  if (!check.finding) {
    return (
      <p className="text-sm text-muted" data-testid="copied-text-note">
        雷同检查：本节与{match.sourceLabel}相同的文字占 {match.percent}%，未达到提醒标准。
      </p>
    );
  }
  return (
    <section aria-labelledby="copied-text-heading" className="rounded border border-amber-300 bg-amber-50 p-4 text-sm">
      <h3 id="copied-text-heading" className="mb-1 font-semibold text-amber-900">
        雷同提醒：本节 {match.percent}% 的文字与{match.sourceLabel}相同
      </h3>
      <p className="mb-3 text-amber-900">下面左右对照，标出的是两边相同的文字。请结合本年度、本单位的实际情况改写；确需保留的，提交审核时说明理由。</p>
      <div className="grid gap-3 lg:grid-cols-2">
        <div>
          <h4 className="mb-1 font-medium">本节（正在编辑）</h4>
          <Passages segments={match.mine} label="本节文字" />
        </div>
        <div>
          <h4 className="mb-1 font-medium">
            {match.sourceLabel}
            {sourceHeading(match) && `“${sourceHeading(match)}”`}
          </h4>
          <Passages segments={match.theirs} label={`${match.sourceLabel}的文字`} />
        </div>
      </div>
    </section>
  );
}
