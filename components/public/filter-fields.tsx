export interface FilterOption {
  readonly value: string;
  readonly label: string;
}

const selectClass =
  "block w-full min-w-[10rem] rounded border border-ink/40 bg-white px-3 py-2 text-[1em] text-ink focus-visible:border-gov-red";

/** A labelled <select> of a GET form (the first option means "no filter"). */
export function FilterSelect({
  id,
  name,
  label,
  anyLabel,
  options,
  value,
  describedBy,
}: {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly anyLabel: string;
  readonly options: readonly FilterOption[];
  readonly value: string;
  /** Id of a hint that explains the choice. */
  readonly describedBy?: string;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-[0.9em] font-medium text-ink">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} aria-describedby={describedBy} className={selectClass}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export const submitButtonClass =
  "inline-flex items-center justify-center rounded bg-gov-red px-5 py-2 text-[1em] font-medium text-white hover:bg-gov-red-dark";
