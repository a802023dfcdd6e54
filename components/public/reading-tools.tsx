import type { ReactNode } from "react";
import { queryString, type ReadingPreferences, type ReadingSize } from "@/lib/public/url-params";
import { PrintLink } from "./print-link";

export interface ReadingToolsProps {
  readonly path: string;
  readonly prefs: ReadingPreferences;
  /** Other query parameters of the page to keep (e.g. edition). */
  readonly params?: Readonly<Record<string, string | number | null | undefined>>;
  /** The share panel, shown when 「分享」 is opened. */
  readonly share: ReactNode;
}

const SIZES: readonly { value: ReadingSize; label: string; name: string }[] = [
  { value: "l", label: "大", name: "大字号" },
  { value: "m", label: "中", name: "中字号" },
  { value: "s", label: "小", name: "小字号" },
];

// At least 32px tall on a phone (44px in 长者模式, public.css), the size letters 2em wide.
const toolLink = "inline-flex min-h-8 min-w-8 items-center justify-center px-1.5 text-ink underline-offset-4 hover:text-gov-red hover:underline";
const activeLink = "inline-flex min-h-8 min-w-8 items-center justify-center rounded bg-gov-red px-1.5 text-white no-underline";

/**
 * 字号 大/中/小, 长者模式, 打印 and 分享 as plain links and a <details>: everything works
 * without JavaScript (the size and mode are query parameters the server renders).
 */
export function ReadingTools({ path, prefs, params = {}, share }: ReadingToolsProps) {
  // The chosen setting is always explicit (`?size=m`, `?elder=0`): the server in front of Next
  // remembers both in a cookie and applies it when the parameter is absent, so leaving the
  // default out would bring the remembered setting back.
  const href = (next: Partial<ReadingPreferences>) => {
    const size = next.size ?? prefs.size;
    const elder = next.elder ?? prefs.elder;
    return `${path}${queryString({
      ...params,
      size: next.size !== undefined || size !== "m" ? size : undefined,
      elder: next.elder !== undefined ? (elder ? "1" : "0") : elder ? "1" : undefined,
    })}`;
  };
  return (
    <div className="mb-4 border border-line bg-white px-3 py-1.5 text-[0.9em] print:hidden sm:px-4" data-reading-tools>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 sm:gap-x-6">
        <div className="flex items-center gap-1" role="group" aria-labelledby="tool-size-label">
          <span id="tool-size-label">字号：</span>
          {SIZES.map((s) => (
            <a
              key={s.value}
              href={href({ size: s.value })}
              aria-label={s.name}
              aria-current={prefs.size === s.value ? "true" : undefined}
              className={prefs.size === s.value ? activeLink : toolLink}
              rel="nofollow"
            >
              {s.label}
            </a>
          ))}
        </div>
        <a
          href={href({ elder: !prefs.elder })}
          aria-current={prefs.elder ? "true" : undefined}
          className={prefs.elder ? activeLink : toolLink}
          rel="nofollow"
        >
          {prefs.elder ? "退出长者模式" : "长者模式"}
        </a>
        <PrintLink helpId="print-help" className={toolLink} />
        <details className="group open:basis-full">
          <summary className="inline-flex min-h-8 cursor-pointer list-none items-center px-1.5 text-ink underline-offset-4 hover:text-gov-red hover:underline [&::-webkit-details-marker]:hidden">
            分享<span aria-hidden="true" className="ml-1 inline-block text-[0.8em] group-open:rotate-180">▾</span>
          </summary>
          <div className="mt-2 border-t border-line pt-3">{share}</div>
        </details>
      </div>
      <p id="print-help" className="mt-1 text-[0.85em] text-muted">
        打印：点击「打印」或按 Ctrl+P（苹果电脑 ⌘+P）；打印时自动隐藏导航和工具栏，按 A4 纸排版。
      </p>
    </div>
  );
}
