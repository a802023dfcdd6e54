"use client";

import Link from "next/link";
import { consequencesOf, countFindings, isBlank, isListed, type Finding } from "@/lib/rules";

type Location = { inThisSection: true; targetId: string; excerpt?: string } | { inThisSection: false; href: string } | null;

interface FindingsPanelProps {
  findings: readonly Finding[];
  /** Where a finding's cell is: focus it here, or link to the section that has it. */
  locate: (finding: Finding) => Location;
  /** Selects a sentence in the text being edited; false when it is not found there. */
  onSelectExcerpt?: (excerpt: string) => boolean;
}

const focusElement = (id: string) => {
  const el = document.getElementById(id);
  el?.scrollIntoView({ block: "center" });
  el?.focus();
};

/**
 * Each finding in Chinese; choosing one takes the clerk to the cell concerned. Cells not filled
 * in yet are one line (「未填 N 格」), not a mistake each; a finding that only follows from another
 * (the 总计 column's) is shown under its cause (「导致：…」).
 */
export function FindingsPanel({ findings, locate, onSelectExcerpt }: FindingsPanelProps) {
  const counts = countFindings(findings);
  const listed = findings.filter(isListed);
  const firstBlank = findings.find(isBlank);
  const blankTarget = firstBlank ? locate(firstBlank) : null;
  return (
    <section aria-labelledby="findings-heading" className="rounded border border-line bg-white p-4">
      <h2 id="findings-heading" className="mb-2 text-base font-semibold">
        检查结果：{counts.errors} 个错误，{counts.warnings} 个提醒{counts.blanks > 0 && `，未填 ${counts.blanks} 格`}
      </h2>
      {listed.length === 0 && counts.blanks === 0 && <p className="text-sm text-green-800">本节未发现问题。</p>}
      {counts.blanks > 0 && (
        <p className="mb-2 text-sm text-muted" data-testid="blanks">
          未填 {counts.blanks} 格：本年度没有发生的，请填写 0。全部填写后才能提交审核。
          {blankTarget?.inThisSection && (
            <button type="button" className="ml-2 underline decoration-dotted" onClick={() => focusElement(blankTarget.targetId)}>
              转到第一个未填格
            </button>
          )}
        </p>
      )}
      {listed.length > 0 && (
        <ul className="max-h-80 space-y-1 overflow-y-auto text-sm" data-testid="findings">
          {listed.map((finding, i) => {
            const target = locate(finding);
            const tone = finding.severity === "error" ? "text-red-800" : "text-amber-900";
            const label = `${finding.severity === "error" ? "错误" : "提醒"}：${finding.message}`;
            const consequences = consequencesOf(finding, findings);
            return (
              <li key={`${finding.ruleId}-${i}`} className={tone}>
                {target === null ? (
                  label
                ) : target.inThisSection ? (
                  <button
                    type="button"
                    className="text-left underline decoration-dotted"
                    onClick={() => (target.excerpt && onSelectExcerpt?.(target.excerpt)) || focusElement(target.targetId)}
                  >
                    {label}
                  </button>
                ) : (
                  <Link href={target.href} className={tone}>
                    {label}
                  </Link>
                )}
                {consequences.map((c, j) => (
                  <p key={j} className="ml-4 text-xs text-muted">
                    导致：{c.message}
                  </p>
                ))}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
