import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReportEditor } from "@/components/editor/report-editor";
import { getReportForEditing } from "@/lib/data/reports";
import { loadOrNotFound } from "@/lib/load";
import { setSectionCompletedAction, touchPresenceAction } from "../../actions";
import { ReportHeader } from "../../report-header";
import { TitleField } from "../../title-field";

export const metadata: Metadata = { title: "编写年度报告" };

export default async function SectionPage({ params }: { params: Promise<{ id: string; key: string }> }) {
  const { id, key } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const report = await loadOrNotFound(getReportForEditing(Number(id)));
  if (!report.sections.some((s) => s.key === key)) notFound();
  return (
    <>
      <ReportHeader id={report.id} title={report.title} status={report.status} deadline={report.deadline} daysLeft={report.daysLeft} />
      {report.editable && <TitleField reportId={report.id} title={report.title} />}
      <ReportEditor
        report={report}
        currentKey={key}
        actions={{ setCompleted: setSectionCompletedAction, touchPresence: touchPresenceAction }}
      />
    </>
  );
}
