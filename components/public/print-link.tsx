/**
 * 「打印」: without JavaScript the link leads to the print note next to it (the print stylesheet
 * works either way: Ctrl+P gives the same A4 page); the few bytes of script after it make it
 * open the print dialog. Public pages carry no other script (lib/serving/static-page.ts keeps
 * this one: `data-static-keep`).
 */
const OPEN_PRINT_DIALOG =
  'document.currentScript.previousElementSibling.addEventListener("click",function(e){e.preventDefault();print()})';

export function PrintLink({ className, helpId }: { readonly className?: string; readonly helpId: string }) {
  return (
    <>
      <a href={`#${helpId}`} className={`print-tool ${className ?? ""}`} aria-describedby={helpId}>
        打印
      </a>
      <script data-static-keep="" dangerouslySetInnerHTML={{ __html: OPEN_PRINT_DIALOG }} />
    </>
  );
}
