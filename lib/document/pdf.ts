/**
 * The 原文 PDF: Chromium (Debian's `chromium`, driven by playwright-core) prints the print view
 * (print-html.ts). Chromium's layout engine repeats table header rows on every page, keeps rows
 * whole, draws the page numbers in the @page margin boxes and embeds subsets of the fonts it
 * used. One browser serves many files: the caller launches it once and closes it when done.
 */
import { chromium, type Browser } from "playwright-core";
import type { ReportDocument } from "../interchange";
import { printHtml } from "./print-html";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export async function launchPrintBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
}

/** Prints one document with an open browser; a page of its own, closed afterwards. */
export async function reportPdf(browser: Browser, document: ReportDocument, timeoutMs = 30_000): Promise<Buffer> {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    await page.setContent(printHtml(document), { waitUntil: "load", timeout: timeoutMs });
    return await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true, tagged: true, outline: false });
  } finally {
    await context.close();
  }
}
