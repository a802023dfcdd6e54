import Link from "next/link";

export interface SectionNavItem {
  key: string;
  label: string;
  state: "not_started" | "editing" | "completed";
  errors: number;
  warnings: number;
  /** Review comments on the section not yet marked as dealt with. */
  openComments: number;
}

const STATE_LABELS = { not_started: "未开始", editing: "编辑中", completed: "已完成" } as const;
const STATE_STYLES = {
  not_started: "bg-gray-100 text-gray-700",
  editing: "bg-blue-50 text-blue-900",
  completed: "bg-green-50 text-green-900",
} as const;

/** The report's sections with their state and findings; the current one is marked for assistive tech. */
export function SectionNav({ reportId, items, current }: { reportId: number; items: SectionNavItem[]; current: string }) {
  return (
    <nav aria-label="报告各节">
      <ol className="space-y-1">
        {items.map((item) => (
          <li key={item.key}>
            <Link
              href={`/staff/reports/${reportId}/sections/${item.key}`}
              aria-current={item.key === current ? "page" : undefined}
              className={`block rounded border px-3 py-2 text-sm no-underline ${
                item.key === current ? "border-gov-red bg-white font-semibold text-ink" : "border-transparent text-ink hover:bg-white"
              }`}
            >
              <span className="block">{item.label}</span>
              <span className="mt-1 flex flex-wrap gap-1 text-xs">
                <span className={`rounded px-1.5 ${STATE_STYLES[item.state]}`}>{STATE_LABELS[item.state]}</span>
                {item.errors > 0 && <span className="rounded bg-red-50 px-1.5 text-red-800">错误 {item.errors}</span>}
                {item.warnings > 0 && <span className="rounded bg-amber-50 px-1.5 text-amber-900">提醒 {item.warnings}</span>}
                {item.openComments > 0 && (
                  <span className="rounded border border-amber-400 bg-white px-1.5 text-amber-900">
                    <span aria-hidden="true">意见 {item.openComments}</span>
                    <span className="sr-only">{item.openComments} 条未处理的审核意见</span>
                  </span>
                )}
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The label of a section in lists (the untitled preamble gets a name). */
export const sectionLabel = (heading: string) => heading || "导语（开头部分）";
