"use client";

import Link from "next/link";
import type { Finding } from "@/lib/rules";

interface FindingsPanelProps {
  findings: readonly Finding[];
  /** Where a finding's cell is: focus it here, or link to the section that has it. */
  locate: (finding: Finding) => { inThisSection: true; targetId: string } | { inThisSection: false; href: string } | null;
}

/** Each finding in Chinese; choosing one takes the clerk to the cell concerned. */
export function FindingsPanel({ findings, locate }: FindingsPanelProps) {
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warning");
  return (
    <section aria-labelledby="findings-heading" className="rounded border border-line bg-white p-4">
      <h2 id="findings-heading" className="mb-2 text-base font-semibold">
        检查结果：{errors.length} 个错误，{warnings.length} 个提醒
      </h2>
      {findings.length === 0 ? (
        <p className="text-sm text-green-800">本节未发现问题。</p>
      ) : (
        <ul className="max-h-80 space-y-1 overflow-y-auto text-sm" data-testid="findings">
          {findings.map((finding, i) => {
            const target = locate(finding);
            const tone = finding.severity === "error" ? "text-red-800" : "text-amber-900";
            const label = `${finding.severity === "error" ? "错误" : "提醒"}：${finding.message}`;
            return (
              <li key={`${finding.ruleId}-${i}`} className={tone}>
                {target === null ? (
                  label
                ) : target.inThisSection ? (
                  <button
                    type="button"
                    className="text-left underline decoration-dotted"
                    onClick={() => {
                      const el = document.getElementById(target.targetId);
                      el?.scrollIntoView({ block: "center" });
                      el?.focus();
                    }}
                  >
                    {label}
                  </button>
                ) : (
                  <Link href={target.href} className={tone}>
                    {label}
                  </Link>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
