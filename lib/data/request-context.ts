import "server-only";
import { headers } from "next/headers";
import { CLIENT_IP_HEADER } from "@/lib/client-ip";

/**
 * The client's IP as set by our own server (lib/serving/pipeline.ts overwrites the header from
 * the socket, or from X-Forwarded-For when TRUST_PROXY=1). Null outside a request.
 */
export async function clientIp(): Promise<string | null> {
  try {
    const h = await headers();
    return h.get(CLIENT_IP_HEADER);
  } catch {
    return null;
  }
}
