import path from "node:path";
import { describe, expect, it } from "vitest";
import { libpqConnection, postgresBackupsDirectory, postgresUrlFromEnvironment, redactUrl } from "../backup";

describe("PostgreSQL backup settings", () => {
  it("takes DATABASE_URL only when it names a PostgreSQL database, and says so otherwise", () => {
    expect(postgresUrlFromEnvironment({})).toBeNull();
    expect(postgresUrlFromEnvironment({ DATABASE_URL: "  " })).toBeNull();
    expect(postgresUrlFromEnvironment({ DATABASE_URL: "postgresql://nianbao@db/nianbao" })).toBe("postgresql://nianbao@db/nianbao");
    expect(() => postgresUrlFromEnvironment({ DATABASE_URL: "mysql://root:hunter2@db/nianbao" })).toThrow(/postgres:\/\/.*root:\*\*\*@db/);
    expect(() => postgresUrlFromEnvironment({ DATABASE_URL: "mysql://root:hunter2@db/nianbao" })).not.toThrow(/hunter2/);
  });

  it("keeps the password off pg_dump's command line and out of messages", () => {
    const { dbname, env } = libpqConnection("postgres://nianbao:p%40ss%3Aw0rd@db.example:5432/nianbao?sslmode=require", { PATH: "/bin" });
    expect(dbname).toBe("postgres://nianbao@db.example:5432/nianbao?sslmode=require");
    expect(env).toEqual({ PATH: "/bin", PGPASSWORD: "p@ss:w0rd" });
    expect(libpqConnection("postgres://nianbao@db/nianbao", {}).env).toEqual({});
    expect(redactUrl("postgres://nianbao:secret@db/nianbao")).toBe("postgres://nianbao:***@db/nianbao");
  });

  it("puts backups in BACKUP_DIR, else data/backups", () => {
    expect(postgresBackupsDirectory({})).toBe(path.resolve("data", "backups"));
    expect(postgresBackupsDirectory({ BACKUP_DIR: "/var/lib/nianbao/backups" })).toBe("/var/lib/nianbao/backups");
  });
});
