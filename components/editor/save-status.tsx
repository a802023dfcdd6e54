"use client";

import type { SaveState } from "./use-autosave";
import { chinaTime } from "@/lib/time";


/** The visible autosave state, announced politely to screen readers. */
export function SaveStatus({ state }: { state: SaveState }) {
  const [text, tone] = describe(state);
  return (
    <p role="status" aria-live="polite" data-testid="save-status" className={`text-sm ${tone}`}>
      {text}
    </p>
  );
}

function describe(state: SaveState): [string, string] {
  switch (state.kind) {
    case "idle":
      return ["所有修改均已保存", "text-muted"];
    case "dirty":
      return ["有未保存的修改…", "text-muted"];
    case "saving":
      return ["正在保存…", "text-muted"];
    case "saved":
      return [`已保存 ${chinaTime(state.at)}`, "text-green-800"];
    case "retrying":
      return ["保存失败 – 正在重试（修改暂存在本机浏览器中）", "text-red-800 font-medium"];
    case "refused":
      return [`未能保存：${state.message}（服务器上仍是最近一次保存的内容）`, "text-red-800 font-medium"];
    case "conflict":
      return ["他人已修改此节，请在下方比较并选择", "text-amber-800 font-medium"];
  }
}
