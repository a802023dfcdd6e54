/**
 * Which database engine this process runs on, decided once at start (issue 17):
 * PostgreSQL when DATABASE_URL is a postgres:// (or postgresql://) URL, SQLite otherwise
 * (DATABASE_PATH, default data/nianbao.db). Everything under db/ and lib/data that must differ
 * between the two asks here; the rest of the code does not know.
 */
export type Engine = "sqlite" | "postgres";

/** The PostgreSQL connection URL, or null on SQLite. */
export function postgresUrl(): string | null {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) return null;
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new Error(`DATABASE_URL must be a postgres:// URL (got "${url.split("@").pop()}"); leave it unset to use SQLite (DATABASE_PATH)`);
  }
  return url;
}

export function engine(): Engine {
  return postgresUrl() ? "postgres" : "sqlite";
}
