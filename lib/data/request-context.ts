import "server-only";
import { headers } from "next/headers";

/**
 * The client's IP as set by our own server (scripts/serve.ts overwrites the header from the
 * socket, or from X-Forwarded-For when TRUST_PROXY=1). Null outside a request.
 */
export async function clientIp(): Promise<string | null> {
  try {
    const h = await headers();
    return h.get("x-nianbao-client-ip");
  } catch {
    return null;
  }
}
