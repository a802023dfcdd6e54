"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export type SaveState =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "retrying"; attempt: number }
  | { kind: "refused"; message: string }
  | { kind: "conflict" };

export type SaveOutcome = { kind: "saved"; at: Date; version: number } | { kind: "conflict" } | { kind: "refused"; message: string };

interface AutosaveOptions<T> {
  /** Where unsaved content is kept in this browser until the server has it. */
  storageKey: string;
  /**
   * Sends the content as a change on top of `baseVersion`; throws when the server cannot be
   * reached (then it is retried).
   */
  save: (content: T, baseVersion: number) => Promise<SaveOutcome>;
  delayMs?: number;
}

const RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 15_000];

export interface LocalDraft<T> {
  content: T;
  baseVersion: number;
  at: string;
}

export function readLocalDraft<T>(storageKey: string): LocalDraft<T> | null {
  try {
    const raw = window.localStorage.getItem(storageKey);
    return raw ? (JSON.parse(raw) as LocalDraft<T>) : null;
  } catch {
    return null;
  }
}

/**
 * Autosave that never loses what was typed: saves about a second after typing stops (and on
 * `flush`, e.g. when a field loses focus), keeps every unsaved change in localStorage, retries
 * until the server answers, and asks before the tab is closed with unsaved changes.
 */
export function useAutosave<T>({ storageKey, save, delayMs = 1_000 }: AutosaveOptions<T>) {
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const pending = useRef<T | null>(null);
  const inFlight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const attempt = useRef(0);
  const baseVersion = useRef(0);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);
  const stopped = useRef(false);
  /** `run` schedules itself for retries; the ref lets it do so without referring to itself. */
  const runRef = useRef<() => Promise<void>>(async () => undefined);

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const run = useCallback(async (): Promise<void> => {
    clearTimer();
    if (inFlight.current || pending.current === null || stopped.current) return;
    const content = pending.current;
    inFlight.current = true;
    setState({ kind: "saving" });
    try {
      const outcome = await saveRef.current(content, baseVersion.current);
      attempt.current = 0;
      if (outcome.kind === "saved") {
        baseVersion.current = outcome.version;
        if (pending.current === content) {
          pending.current = null;
          window.localStorage.removeItem(storageKey);
          setState({ kind: "saved", at: outcome.at });
        }
      } else {
        // A conflict or a refusal needs the person: stop saving, keep the local copy.
        stopped.current = true;
        setState(outcome);
      }
    } catch {
      attempt.current += 1;
      setState({ kind: "retrying", attempt: attempt.current });
      const delay = RETRY_DELAYS_MS[Math.min(attempt.current - 1, RETRY_DELAYS_MS.length - 1)]!;
      timer.current = setTimeout(() => void runRef.current(), delay);
    } finally {
      inFlight.current = false;
    }
    if (pending.current !== null && pending.current !== content && !stopped.current && !timer.current) void runRef.current();
  }, [storageKey]);
  useEffect(() => {
    runRef.current = run;
  }, [run]);

  /** Records a change: kept locally at once, sent after the delay. */
  const change = useCallback(
    (content: T) => {
      pending.current = content;
      try {
        const draft: LocalDraft<T> = { content, baseVersion: baseVersion.current, at: new Date().toISOString() };
        window.localStorage.setItem(storageKey, JSON.stringify(draft));
      } catch {
        // Storage full or disabled: the retry loop still holds the content in memory.
      }
      if (stopped.current) return;
      setState((s) => (s.kind === "retrying" ? s : { kind: "dirty" }));
      if (attempt.current === 0) {
        clearTimer();
        timer.current = setTimeout(() => void run(), delayMs);
      }
    },
    [delayMs, run, storageKey],
  );

  /** Saves now (leaving a field or the section). */
  const flush = useCallback(() => {
    if (pending.current !== null && attempt.current === 0) void run();
  }, [run]);

  /** The version the next save builds on (updated by the caller after each save). */
  const setBaseVersion = useCallback((version: number) => {
    baseVersion.current = version;
  }, []);

  /** After the person resolved a conflict or refusal: resume saving. */
  const resume = useCallback(() => {
    stopped.current = false;
    attempt.current = 0;
    setState(pending.current === null ? { kind: "idle" } : { kind: "dirty" });
    void run();
  }, [run]);

  const discardPending = useCallback(() => {
    pending.current = null;
    window.localStorage.removeItem(storageKey);
    stopped.current = false;
    setState({ kind: "idle" });
  }, [storageKey]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (pending.current !== null || inFlight.current) {
        event.preventDefault();
        event.returnValue = "";
      }
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      clearTimer();
      // Leaving the section: send what is pending (the local copy stays until it succeeds).
      if (pending.current !== null && !stopped.current) void saveRef.current(pending.current, baseVersion.current).catch(() => undefined);
    };
  }, []);

  return { state, change, flush, setBaseVersion, resume, discardPending, hasPending: () => pending.current !== null };
}
