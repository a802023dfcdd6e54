import { chineseDate } from "@/lib/time";

export interface WithdrawalNoticeProps {
  readonly title: string;
  readonly indexNo: string | null;
  readonly unitName: string;
  readonly withdrawnAt: Date | null;
  readonly reason: string | null;
}

/** What a withdrawn report's page shows instead of its content. */
export function WithdrawalNotice({ title, indexNo, unitName, withdrawnAt, reason }: WithdrawalNoticeProps) {
  return (
    <section aria-labelledby="withdrawal-title" className="border border-line bg-white px-6 py-8" data-withdrawal-notice>
      <h1 id="withdrawal-title" className="font-serif text-2xl font-bold text-ink">
        本报告已撤回
      </h1>
      <dl className="mt-5 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
        <dt className="font-bold text-muted">报告名称</dt>
        <dd>{title}</dd>
        <dt className="font-bold text-muted">发布机构</dt>
        <dd>{unitName}</dd>
        {indexNo && (
          <>
            <dt className="font-bold text-muted">索引号</dt>
            <dd>{indexNo}</dd>
          </>
        )}
        <dt className="font-bold text-muted">撤回日期</dt>
        <dd>{withdrawnAt ? chineseDate(withdrawnAt) : "—"}</dd>
        <dt className="font-bold text-muted">撤回原因</dt>
        <dd>{reason?.trim() || "未说明"}</dd>
      </dl>
      <p className="mt-6 text-muted">该报告已由发布机构撤回，原内容不再公开。如有疑问，请与发布机构联系。</p>
      <p className="mt-3">
        <a href="/reports" className="text-gov-red underline underline-offset-2">
          返回政府信息公开年报列表
        </a>
      </p>
    </section>
  );
}
