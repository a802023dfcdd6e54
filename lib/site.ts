import { env } from "./env";

export function siteName(): string {
  return env().SITE_NAME;
}
