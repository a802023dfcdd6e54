/** A piece of text, marked when it matched the search. */
export interface TextSegment {
  readonly text: string;
  readonly match: boolean;
}

/** Text with the matched parts in <mark> (segments come from the search, never HTML). */
export function HighlightedText({ segments }: { readonly segments: readonly TextSegment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.match ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-ink">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
