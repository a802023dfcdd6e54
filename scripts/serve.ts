/**
 * The server (lib/serving/server.ts): `npm start` runs it on the production build after
 * installing and building; `npm run dev` runs it with `--dev` (Next.js in development mode,
 * the same pipeline and jobs).
 */
import { startServer } from "../lib/serving/server";

void startServer({ dev: process.argv.includes("--dev") });
