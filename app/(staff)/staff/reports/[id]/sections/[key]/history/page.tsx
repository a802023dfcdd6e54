import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CellChangesView, TextDiffView } from "@/components/review/change-view";
import { sectionLabel } from "@/components/editor/section-nav";
import { getReportForEditing } from "@/lib/data/reports";
import { listSectionRevisions } from "@/lib/data/sections";
import { narrativeDiff, tableDiff } from "@/lib/diff";
import { loadOrNotFound } from "@/lib/load";
import { RestoreButton } from "./restore-button";
import { chinaDateTime } from "@/lib/time";

export const metadata: Metadata = { title: "本节历史版本" };

export default async function SectionHistoryPage({ params }: { params: Promise<{ id: string; key: string }> }) {
  const { id, key } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const [report, revisions] = await Promise.all([
    loadOrNotFound(getReportForEditing(Number(id))),
    loadOrNotFound(listSectionRevisions(Number(id), key)),
  ]);
  const section = report.sections.find((s) => s.key === key);
  if (!section) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/staff/reports/${report.id}/sections/${key}`}>返回编辑「{sectionLabel(section.heading)}」</Link>
      </p>
      <h1 className="mb-1 text-2xl font-semibold">本节历史版本：{sectionLabel(section.heading)}</h1>
      <p className="mb-6 text-sm text-muted">
        同一人几分钟内的连续自动保存合并为一个版本。每个版本都与当前内容比较；恢复旧版本会生成一个新版本，不会删除任何历史。
      </p>
      {revisions.length === 0 && <p>本节还没有保存过。</p>}
      <ol className="space-y-6">
        {revisions.map((revision, i) => (
          <li key={revision.id} className="rounded border border-line bg-white p-4" data-testid="revision">
            <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
              <h2 className="font-semibold">
                {i === 0 ? "当前版本" : `版本 ${revisions.length - i}`} · {revision.authorName} · {chinaDateTime(revision.updatedAt)}
                {revision.saveCount > 1 && <span className="ml-2 text-sm font-normal text-muted">（{revision.saveCount} 次自动保存）</span>}
                {revision.restoredFromId && <span className="ml-2 text-sm font-normal text-muted">（由旧版本恢复）</span>}
              </h2>
              {i > 0 && report.editable && <RestoreButton reportId={report.id} sectionKey={key} revisionId={revision.id} />}
            </div>
            {i > 0 && (
              <>
                <h3 className="mb-2 text-sm text-muted">与当前内容相比（删除的为此版本有、当前没有的内容）：</h3>
                {section.kind === "narrative" ? (
                  <TextDiffView parts={narrativeDiff(revision.html, section.html)} />
                ) : (
                  <CellChangesView changes={tableDiff(report.format, section.tableId, revision.cells, section.cells)} />
                )}
              </>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
