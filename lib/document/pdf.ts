/**
 * The 原文 PDF: Chromium (Debian's `chromium`, driven by playwright-core) prints the print view
 * (print-html.ts). Chromium's layout engine repeats table header rows on every page, keeps rows
 * whole, draws the page numbers in the @page margin boxes and embeds subsets of the fonts it
 * used. One browser serves many files: the caller launches it once and closes it when done.
 */
import { chromium, type Browser, type Page } from "playwright-core";
import type { ReportDocument } from "../interchange";
import { printHtml } from "./print-html";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export async function launchPrintBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
}

/** One print page per browser, reused file after file (a new context costs about as much as a print). */
const printPages = new WeakMap<Browser, Promise<Page>>();

function printPage(browser: Browser): Promise<Page> {
  let page = printPages.get(browser);
  if (!page) {
    // No scripts, no network: the print view is self-contained HTML.
    page = browser.newContext({ javaScriptEnabled: false, offline: true }).then((context) => context.newPage());
    printPages.set(browser, page);
    page.catch(() => printPages.delete(browser));
  }
  return page;
}

/** Prints one document with an open browser (files are printed one at a time). */
export async function reportPdf(browser: Browser, document: ReportDocument, timeoutMs = 30_000): Promise<Buffer> {
  const page = await printPage(browser);
  try {
    page.setDefaultTimeout(timeoutMs);
    await page.setContent(printHtml(document), { waitUntil: "load", timeout: timeoutMs });
    return await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true, tagged: true, outline: false });
  } catch (error) {
    // A page that failed may be in any state: the next file gets a fresh one.
    printPages.delete(browser);
    await page.context().close().catch(() => undefined);
    throw error;
  }
}
