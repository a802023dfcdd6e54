import { notFound, redirect } from "next/navigation";
import { getReportForEditing } from "@/lib/data/reports";
import { loadOrNotFound } from "@/lib/load";

/** A clerk's draft opens at its first unfinished section; anything else opens the review screen. */
export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const report = await loadOrNotFound(getReportForEditing(Number(id)));
  if (!report.editable) redirect(`/staff/reports/${report.id}/review`);
  const first = report.sections.find((s) => !s.completed) ?? report.sections[0];
  if (!first) notFound();
  redirect(`/staff/reports/${report.id}/sections/${first.key}`);
}
