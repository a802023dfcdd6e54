/**
 * Writes the hand-made township Word file the import tests use:
 *
 *   npx tsx scripts/build-word-fixture.ts
 *
 * → lib/word-import/__tests__/fixtures/township-report.docx (see scripts/lib/township-word-file.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { buildTownshipWordFile } from "./lib/township-word-file";

export const FIXTURE_PATH = join("lib", "word-import", "__tests__", "fixtures", "township-report.docx");

void buildTownshipWordFile().then((buffer) => {
  const out = join(process.cwd(), FIXTURE_PATH);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, buffer);
  console.log(`wrote ${out} (${buffer.length} bytes)`);
});
