import type { ReactNode } from "react";

/** A column heading in the style of disclosure portals: bold title over a red rule. */
export function ColumnTitle({ id, children, level = 2, action }: { readonly id?: string; readonly children: ReactNode; readonly level?: 1 | 2; readonly action?: ReactNode }) {
  const Heading = level === 1 ? "h1" : "h2";
  return (
    <div className="mb-3 flex items-end justify-between gap-4 border-b-2 border-gov-red">
      <Heading id={id} className={`-mb-0.5 border-b-2 border-gov-red pb-1.5 font-bold text-gov-red ${level === 1 ? "text-[1.5em]" : "text-[1.2em]"}`}>
        {children}
      </Heading>
      {action && <div className="pb-1.5 text-[0.9em]">{action}</div>}
    </div>
  );
}
