"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent, type ReactNode } from "react";
import { settleAction, type ActionResult } from "@/lib/action-result";

export interface ActionField {
  name: string;
  label: string;
  type?: "textarea" | "date" | "datetime-local";
  defaultValue?: string;
  hint?: string;
  required?: boolean;
}

interface TextActionFormProps<T> {
  id: string;
  title: string;
  fields: ActionField[];
  submitLabel: string;
  tone?: "primary" | "danger";
  /** Asked (OK / 取消) before anything is sent; 取消 changes nothing. */
  confirm?: string;
  onSubmit: (values: Record<string, string>) => Promise<ActionResult<T>>;
  /** After success (e.g. navigate to a confirmation); default: refresh the page. */
  onDone?: (data: T) => void;
  children?: ReactNode;
}

/**
 * A small workflow form (return with a reason, approve with an opinion, publish, withdraw):
 * the server checks everything again and its messages appear at the field that caused them.
 */
export function TextActionForm<T>({ id, title, fields, submitLabel, tone = "primary", confirm, onSubmit, onDone, children }: TextActionFormProps<T>) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  // A plain submit handler, not a form action: React resets a form after its action, which
  // would throw away what was typed when the person cancels the confirmation or the server refuses.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (confirm && !window.confirm(confirm)) return;
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      setMessage(undefined);
      setFieldErrors({});
      const values = Object.fromEntries(fields.map((f) => [f.name, String(form.get(f.name) ?? "")]));
      const result = await settleAction(() => onSubmit(values));
      if (!result.ok) {
        setMessage(result.message);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      if (onDone) onDone(result.data);
      else router.refresh();
    });
  };
  return (
    <form onSubmit={submit} className="rounded border border-line bg-white p-4" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="mb-3 font-semibold">
        {title}
      </h3>
      {children}
      {message && (
        <p role="alert" className="mb-3 text-sm text-red-800">
          {message}
        </p>
      )}
      {fields.map((field) => {
        const inputId = `${id}-${field.name}`;
        const error = fieldErrors[field.name];
        const common = {
          id: inputId,
          name: field.name,
          defaultValue: field.defaultValue,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": error ? `${inputId}-error` : undefined,
          className: "mt-1 block w-full rounded border border-line px-3 py-2",
        };
        return (
          <div key={field.name} className="mb-3">
            <label htmlFor={inputId} className="block text-sm font-medium">
              {field.label}
            </label>
            {field.type === "textarea" || !field.type ? <textarea rows={3} {...common} /> : <input type={field.type} {...common} />}
            {field.hint && <p className="mt-1 text-xs text-muted">{field.hint}</p>}
            {error && (
              <p id={`${inputId}-error`} role="alert" className="mt-1 text-sm text-red-800">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <button
        type="submit"
        disabled={pending}
        className={tone === "danger" ? "rounded border border-red-700 px-4 py-2 text-sm text-red-800" : "rounded bg-gov-red px-4 py-2 text-sm text-white"}
      >
        {pending ? "正在处理…" : submitLabel}
      </button>
    </form>
  );
}
