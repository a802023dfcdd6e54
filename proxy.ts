import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieFrom } from "@/lib/session-cookie";

/**
 * Comfort only: sends visitors without a session cookie to the sign-in page before rendering.
 * Every staff page and action checks the session itself (lib/data), so the app stays safe
 * without this file.
 */
export function proxy(request: NextRequest) {
  if (sessionCookieFrom((name) => request.cookies.get(name)?.value)) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/staff/:path*"],
};
