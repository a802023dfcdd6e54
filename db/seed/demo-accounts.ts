/**
 * Demo accounts seeded on an empty database (fictional people). The passwords are public
 * (README), so the server refuses to start with NIANBAO_DEMO=0 while any of them still works.
 */
import type { Role } from "@/lib/vocabulary";

export const DEMO_PASSWORD = "Nianbao#2026demo";

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  /** shortName of the unit in db/seed/units.ts */
  unit: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: "admin", displayName: "赵管理", role: "admin", unit: "示例县" },
  { username: "county.clerk", displayName: "孙主任", role: "clerk", unit: "示例县" },
  { username: "qingshi.clerk", displayName: "周文书", role: "clerk", unit: "青石镇" },
  { username: "qingshi.leader", displayName: "吴镇长", role: "leader", unit: "青石镇" },
  { username: "liuxi.clerk", displayName: "郑文书", role: "clerk", unit: "柳溪镇" },
  { username: "liuxi.leader", displayName: "王副镇长", role: "leader", unit: "柳溪镇" },
  { username: "city.clerk", displayName: "钱科长", role: "clerk", unit: "示例市" },
];
