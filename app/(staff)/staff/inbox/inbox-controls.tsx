"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore, useTransition, type MouseEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { markAllNotificationsReadAction, markNotificationReadAction } from "./actions";

const noSubscription = () => () => {};

/** False during server rendering and before hydration: the buttons only work with JavaScript. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * Opens the notification's report. An unread one is marked read first (a modified click, which
 * opens a new tab, marks it without waiting).
 */
export function NotificationLink({ id, href, unread, children }: { id: number; href: string; unread: boolean; children: ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!unread) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      void markNotificationReadAction(id);
      return;
    }
    event.preventDefault();
    startTransition(async () => {
      // Open the report even if marking failed: reading it matters more than the badge.
      await markNotificationReadAction(id).catch(() => undefined);
      router.push(href);
    });
  };
  return (
    <Link href={href} onClick={onClick} aria-busy={pending || undefined} className="font-medium">
      {children}
    </Link>
  );
}

export function MarkReadButton({ id, label }: { id: number; label: string }) {
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        aria-label={label}
        disabled={!hydrated || pending}
        className="rounded border border-line bg-white px-2 py-1 text-xs text-ink hover:bg-gray-50 disabled:cursor-not-allowed disabled:text-gray-400"
        onClick={() =>
          startTransition(async () => {
            setError(undefined);
            const result = await markNotificationReadAction(id);
            if (!result.ok) setError(result.message);
          })
        }
      >
        标为已读
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-800">
          {error}
        </span>
      )}
    </span>
  );
}

export function MarkAllReadButton({ disabled }: { disabled: boolean }) {
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <div>
      <Button
        variant="secondary"
        disabled={disabled || !hydrated || pending}
        onClick={() =>
          startTransition(async () => {
            setError(undefined);
            const result = await markAllNotificationsReadAction();
            if (!result.ok) setError(result.message);
          })
        }
      >
        {pending ? "正在标记…" : "全部标为已读"}
      </Button>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
