/** Printed under the report only: where it came from (address and 索引号). */
export function PrintFooter({ url, indexNo }: { readonly url: string; readonly indexNo: string | null }) {
  return (
    <div className="mt-8 hidden border-t border-black pt-2 text-[10.5pt] text-black print:block" data-print-footer>
      <p>本页地址：{url}</p>
      {indexNo && <p>索引号：{indexNo}</p>}
    </div>
  );
}
