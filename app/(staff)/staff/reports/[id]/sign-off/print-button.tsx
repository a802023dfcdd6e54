"use client";

import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog (the sheet has A4 print styles). */
export function PrintButton() {
  return (
    <Button variant="secondary" onClick={() => window.print()}>
      打印
    </Button>
  );
}
