"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { settleAction, type ActionResult } from "@/lib/action-result";
import type { ReviewCommentView } from "@/lib/report-editing";
import { chinaDateTime } from "@/lib/time";

interface CommentThreadProps {
  reportId: number;
  sectionKey: string;
  sectionLabel: string;
  comments: ReviewCommentView[];
  /** Reply in a thread. */
  canComment: boolean;
  /** Open a new comment on the section (the leader's part; the clerk answers and resolves). */
  canRaise: boolean;
  canResolve: boolean;
  add: (reportId: number, input: { sectionKey: string; body: string; parentId?: number }) => Promise<ActionResult<unknown>>;
  resolve: (reportId: number, commentId: number) => Promise<ActionResult<unknown>>;
}

const when = (d: Date) => chinaDateTime(new Date(d));
const ROLE = { leader: "审核领导", clerk: "填报员", admin: "管理员" } as Record<string, string>;

/** Review comments on one section: threads of replies, resolvable by the clerk after a change. */
export function CommentThread({ reportId, sectionKey, sectionLabel, comments, canComment, canRaise, canResolve, add, resolve }: CommentThreadProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const roots = comments.filter((c) => c.parentId === null);
  const replies = (id: number) => comments.filter((c) => c.parentId === id);

  const send = (form: HTMLFormElement, parentId?: number) => {
    const body = String(new FormData(form).get("body") ?? "");
    startTransition(async () => {
      setError(undefined);
      const result = await settleAction(() => add(reportId, { sectionKey, body, parentId }));
      if (!result.ok) setError(result.fieldErrors?.body ?? result.message);
      else {
        form.reset();
        router.refresh();
      }
    });
  };
  const markResolved = (id: number) =>
    startTransition(async () => {
      const result = await resolve(reportId, id);
      if (!result.ok) setError(result.message);
      else router.refresh();
    });

  return (
    <section aria-label={`「${sectionLabel}」的审核意见`} className="rounded border border-line bg-white p-4 text-sm" data-testid={`comments-${sectionKey}`}>
      <h3 className="mb-2 font-semibold">审核意见 · {sectionLabel}</h3>
      {roots.length === 0 && <p className="mb-2 text-muted">暂无意见。</p>}
      <ul className="space-y-3">
        {roots.map((c) => (
          <li key={c.id} className={`rounded border p-3 ${c.resolvedAt ? "border-line bg-gray-50" : "border-amber-300 bg-amber-50"}`}>
            <p className="text-xs text-muted">
              {c.author}（{ROLE[c.authorRole] ?? c.authorRole}）· {when(c.createdAt)}
              {c.cellId && ` · 单元格 ${c.cellId}`}
              {c.resolvedAt && " · 已处理"}
            </p>
            <p className="mt-1 whitespace-pre-wrap">{c.body}</p>
            <ul className="mt-2 space-y-2 border-l-2 border-line pl-3">
              {replies(c.id).map((r) => (
                <li key={r.id}>
                  <p className="text-xs text-muted">
                    {r.author} · {when(r.createdAt)}
                  </p>
                  <p className="whitespace-pre-wrap">{r.body}</p>
                </li>
              ))}
            </ul>
            <div className="mt-2 flex flex-wrap items-start gap-2">
              {canComment && (
                <form
                  className="flex flex-1 gap-2"
                  onSubmit={(e) => {
                    e.preventDefault();
                    send(e.currentTarget, c.id);
                  }}
                >
                  <label className="sr-only" htmlFor={`reply-${c.id}`}>
                    回复
                  </label>
                  <input id={`reply-${c.id}`} name="body" placeholder="回复…" className="flex-1 rounded border border-line px-2 py-1" />
                  <button type="submit" disabled={pending} className="rounded border border-line px-3 py-1">
                    回复
                  </button>
                </form>
              )}
              {canResolve && !c.resolvedAt && (
                <button type="button" disabled={pending} onClick={() => markResolved(c.id)} className="rounded bg-green-700 px-3 py-1 text-white">
                  标记为已处理
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="mt-2 text-red-800">
          {error}
        </p>
      )}
      {canRaise && (
        <form
          className="mt-3"
          onSubmit={(e) => {
            e.preventDefault();
            send(e.currentTarget);
          }}
        >
          <label htmlFor={`comment-${sectionKey}`} className="block font-medium">
            对本节提出意见
          </label>
          <textarea id={`comment-${sectionKey}`} name="body" rows={2} className="mt-1 block w-full rounded border border-line px-2 py-1" />
          <button type="submit" disabled={pending} className="mt-2 rounded bg-gov-red px-3 py-1 text-white">
            发表意见
          </button>
        </form>
      )}
    </section>
  );
}
