/**
 * The province bench's preparation (province-setup.ts) in a process of its own: a process picks
 * its engine's tables when it starts (db/schema.ts reads DATABASE_URL), so the bench runs this
 * with the environment of the server it will measure. Input: a JSON argument
 * `{ countyId, cityId, provinceId, year, editors, password }`; output: one line of JSON (ProvincePrepared).
 */
import { closeDb, openEngineDatabase } from "@/db/client";
import { hashPassword } from "@/lib/password-hash";
import { benchAccount, prepareEditors, prepareSummation, type PreparedSummation, type ProvinceEditor } from "./province-setup";

export interface ProvincePrepareInput {
  countyId: number;
  cityId: number;
  /** The province's own unit: its clerk reads the province's overview. */
  provinceId: number;
  /** The year of the published reports to sum. */
  year: number;
  editors: number;
  password: string;
}

export interface ProvincePrepared {
  editorsYear: number;
  editors: ProvinceEditor[];
  county: PreparedSummation;
  city: PreparedSummation;
}

async function main() {
  const input = JSON.parse(process.argv[2] ?? "") as ProvincePrepareInput;
  const db = openEngineDatabase();
  try {
    const passwordHash = await hashPassword(input.password);
    const account = (username: string, role: "clerk" | "leader", unitId: number) => benchAccount(db, { username, role, unitId, passwordHash });
    const countyClerk = await account("bench.county", "clerk", input.countyId);
    const cityClerk = await account("bench.city", "clerk", input.cityId);
    await account("bench.province", "clerk", input.provinceId);
    const { year: editorsYear, editors } = await prepareEditors(db, input.editors, passwordHash);
    const county = await prepareSummation(db, { unitId: input.countyId, year: input.year, clerk: countyClerk, leader: await account("bench.county.leader", "leader", input.countyId) });
    const city = await prepareSummation(db, { unitId: input.cityId, year: input.year, clerk: cityClerk, leader: await account("bench.city.leader", "leader", input.cityId) });
    const prepared: ProvincePrepared = { editorsYear, editors, county, city };
    process.stdout.write(`${JSON.stringify(prepared)}\n`);
  } finally {
    await closeDb(db);
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
