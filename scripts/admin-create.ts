/**
 * npm run admin:create — creates the first system administrator (for NIANBAO_DEMO=0
 * installations), and the top-level unit when the database has none.
 *
 *   npm run admin:create -- --username admin --name 张三 --password '…' \
 *     [--unit-name 某某县人民政府 --unit-short 某某县 --org-code 18位代码]
 *
 * Missing values are asked for interactively.
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { isNull } from "drizzle-orm";
import { systemActor } from "../db/actor";
import { closeDb, openEngineDatabase } from "../db/client";
import { createUnit } from "../db/commands/units";
import { createUser } from "../db/commands/users";
import { migrateEngineDatabase } from "../db/migrate";
import { units, users } from "../db/schema";
import { hashPassword } from "../lib/password-hash";
import { passwordProblem } from "../lib/validations/password";
import { orgCodeProblem } from "../lib/validations/org-code";
import { createUserSchema } from "../lib/validations/user";

const { values: flags } = parseArgs({
  options: {
    username: { type: "string" },
    name: { type: "string" },
    password: { type: "string" },
    "unit-name": { type: "string" },
    "unit-short": { type: "string" },
    "org-code": { type: "string" },
  },
});

const rl = process.stdin.isTTY ? createInterface({ input: process.stdin, output: process.stdout }) : null;

async function value(flag: keyof typeof flags, question: string, problem: (v: string) => string | null): Promise<string> {
  let answer = flags[flag]?.trim() ?? "";
  for (;;) {
    const why = problem(answer);
    if (!why) return answer;
    if (!rl) {
      console.error(`--${flag}: ${answer ? why : "缺少该参数"}`);
      process.exit(2);
    }
    if (answer) console.error(why);
    answer = (await rl.question(`${question}：`)).trim();
  }
}

async function main() {
  const db = openEngineDatabase();
  await migrateEngineDatabase(db);

  const cli = systemActor("cli");
  let unit: { id: number; name: string } | undefined = (await db.select().from(units).where(isNull(units.parentId)).limit(1))[0];
  if (!unit) {
    const name = await value("unit-name", "顶级单位全称（如 某某县人民政府）", (v) => (v ? null : "请输入单位全称"));
    const shortName = await value("unit-short", "单位简称（如 某某县）", (v) => (v ? null : "请输入简称"));
    const orgCode = (await value("org-code", "统一社会信用代码", (v) => orgCodeProblem(v.toUpperCase()))).toUpperCase();
    const id = await createUnit(db, cli, { name, shortName, kind: "county", orgCode, parentId: null });
    unit = { id, name };
  }

  const taken = new Set((await db.select({ username: users.username }).from(users)).map((u) => u.username));
  const username = await value("username", "管理员用户名", (v) => {
    const parsed = createUserSchema.shape.username.safeParse(v);
    if (!parsed.success) return parsed.error.issues[0]!.message;
    return taken.has(v) ? "该用户名已被使用。" : null;
  });
  const displayName = await value("name", "姓名", (v) => (v ? null : "请输入姓名"));
  const password = await value("password", "密码", (v) => passwordProblem(v, username));
  rl?.close();

  await createUser(db, cli, { username, displayName, role: "admin", unitId: unit.id, passwordHash: await hashPassword(password), mustChangePassword: false });
  await closeDb(db);
  console.log(`已创建系统管理员 ${username}（${unit.name}）。`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
