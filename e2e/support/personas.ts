import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/seed/demo-accounts";

/** Seeded demo personas (db/seed/demo-accounts.ts). */
export const PERSONAS = {
  admin: "admin",
  clerkA: "qingshi.clerk",
  leaderA: "qingshi.leader",
  clerkB: "liuxi.clerk",
  leaderB: "liuxi.leader",
} as const;

export { DEMO_PASSWORD };

/** Signs in as a person on a fresh browser session (any earlier sign-in in this context is dropped). */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

export async function signInAs(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await signIn(page, username, password);
  await expect(page).toHaveURL(/\/staff$/);
}
