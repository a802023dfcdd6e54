"use client";

/**
 * 「打印」: opens the browser's print dialog. Without JavaScript the link leads to the print
 * note next to it (the print stylesheet works either way: Ctrl+P gives the same A4 page).
 */
export function PrintLink({ className, helpId }: { readonly className?: string; readonly helpId: string }) {
  return (
    <a
      href={`#${helpId}`}
      className={`print-tool ${className ?? ""}`}
      aria-describedby={helpId}
      onClick={(event) => {
        event.preventDefault();
        window.print();
      }}
    >
      打印
    </a>
  );
}
