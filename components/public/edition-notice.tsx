import { chineseDate } from "@/lib/time";

export interface EditionNoticeEdition {
  readonly edition: number;
  readonly publishedAt: Date;
  readonly changeNote: string | null;
}

export interface EditionNoticeProps {
  readonly reportId: number;
  /** Every published edition, oldest first. */
  readonly editions: readonly EditionNoticeEdition[];
  /** The edition shown on the page. */
  readonly shown: number;
  /** The live edition. */
  readonly live: number;
}

/**
 * For a corrected report: 「本报告于 YYYY年M月D日 修订」 with the change note and links to the
 * earlier editions; on an earlier edition, a note that a newer one exists. Nothing otherwise.
 */
export function EditionNotice({ reportId, editions, shown, live }: EditionNoticeProps) {
  if (editions.length <= 1) return null;
  const liveEdition = editions.find((e) => e.edition === live);
  const shownEdition = editions.find((e) => e.edition === shown);
  const others = editions.filter((e) => e.edition !== shown);
  const href = (edition: number) => (edition === live ? `/reports/${reportId}` : `/reports/${reportId}?edition=${edition}`);
  return (
    <section aria-labelledby="edition-notice-title" className="mb-4 border-l-4 border-gov-red bg-white px-4 py-3" data-edition-notice>
      {shown === live ? (
        <>
          <p id="edition-notice-title" className="font-bold text-gov-red">
            本报告于 {liveEdition ? chineseDate(liveEdition.publishedAt) : ""} 修订
          </p>
          {liveEdition?.changeNote && <p className="mt-1">修订说明：{liveEdition.changeNote}</p>}
        </>
      ) : (
        <>
          <p id="edition-notice-title" className="font-bold text-gov-red">
            您正在查看本报告的第 {shown} 版（{shownEdition ? chineseDate(shownEdition.publishedAt) : ""} 发布），该版本已被修订
          </p>
          <p className="mt-1">
            <a href={href(live)} className="text-gov-red underline underline-offset-2">
              查看现行版本（第 {live} 版）
            </a>
          </p>
        </>
      )}
      <div className="mt-2 text-[0.9em]">
        <p className="text-muted">历次版本：</p>
        <ul className="mt-1 space-y-1">
          {others.map((e) => (
            <li key={e.edition}>
              <a href={href(e.edition)} className="text-ink underline underline-offset-2 hover:text-gov-red">
                第 {e.edition} 版（{chineseDate(e.publishedAt)} 发布{e.edition === live ? "，现行版本" : ""}）
              </a>
              {e.changeNote && <span className="text-muted"> — 修订说明：{e.changeNote}</span>}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
