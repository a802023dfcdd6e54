import { expect, type Page } from "@playwright/test";

/** The number a 总览 summary item shows for a status label (e.g. 「已发布」, 「逾期未发布」). */
export async function summaryCount(page: Page, label: string): Promise<number> {
  const item = page
    .getByRole("list", { name: "各状态单位数" })
    .getByRole("listitem")
    .filter({ hasText: new RegExp(`^\\s*${label}\\s`) });
  await expect(item).toHaveCount(1);
  return Number((await item.innerText()).replace(label, "").trim());
}
