import fs from "node:fs";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../throwaway-postgres";

const servers: ThrowawayPostgres[] = [];
afterAll(() => servers.forEach((server) => server.stop()));

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

// Two servers start at once: on a loaded machine that takes longer than the default 5 s.
describe("a throwaway PostgreSQL server", { timeout: 30_000 }, () => {
  it("serves its own databases on its own port with its socket in its directory, and is gone after stop()", async () => {
    const [first, second] = await Promise.all([startThrowawayPostgres(), startThrowawayPostgres("other")]);
    servers.push(first!, second!);
    expect(new URL(first!.url).port).not.toBe(new URL(second!.url).port);
    expect(new URL(second!.url).pathname).toBe("/other");

    const [settings] = await query<{ socket: string; encoding: string; fsync: string }>(
      first!.url,
      "select current_setting('unix_socket_directories') as socket, current_setting('server_encoding') as encoding, current_setting('fsync') as fsync",
    );
    expect(settings).toEqual({ socket: first!.directory, encoding: "UTF8", fsync: "off" });

    const extra = await first!.createDatabase("extra");
    await query(extra, "create table t (x int)");
    await expect(query(first!.url, "select * from t")).rejects.toThrow(/does not exist/);

    first!.stop();
    expect(fs.existsSync(first!.directory)).toBe(false);
    await expect(query(first!.url, "select 1")).rejects.toThrow(/ECONNREFUSED/);
    expect(await query<{ one: number }>(second!.url, "select 1 as one")).toEqual([{ one: 1 }]);
  });
});
