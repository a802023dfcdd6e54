/**
 * `tsx scripts/throwaway-postgres.ts <url-file>`: starts a throwaway PostgreSQL server
 * (lib/testing/throwaway-postgres.ts) with an empty database, writes its URL into <url-file>,
 * and stops it (removing its directory) on SIGTERM or SIGINT. For scripts/test.sh's e2e lane on
 * PostgreSQL (issue 17).
 */
import fs from "node:fs";
import { startThrowawayPostgres } from "../lib/testing/throwaway-postgres";

async function main(): Promise<void> {
  const urlFile = process.argv[2];
  if (!urlFile) throw new Error("usage: tsx scripts/throwaway-postgres.ts <url-file>");
  const server = await startThrowawayPostgres("nianbao");
  const stop = () => {
    server.stop();
    fs.rmSync(urlFile, { force: true });
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  fs.writeFileSync(urlFile, server.url);
  setInterval(() => undefined, 60_000); // until a signal
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
