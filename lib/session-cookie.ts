/**
 * next-auth's session cookie, named once for everything that looks for it (lib/data/session.ts,
 * the request log, proxy.ts). next-auth (lib/auth.ts) keeps its default names: `__Secure-`
 * prefixed when the site is served over HTTPS, plain otherwise.
 */
export const SESSION_COOKIE = "authjs.session-token";
export const SESSION_COOKIE_NAMES = [`__Secure-${SESSION_COOKIE}`, SESSION_COOKIE] as const;

/** The session cookie a request carries (the HTTPS name first), from any cookie lookup; null when none. */
export function sessionCookieFrom(get: (name: string) => string | undefined): { name: string; value: string } | null {
  for (const name of SESSION_COOKIE_NAMES) {
    const value = get(name);
    if (value) return { name, value };
  }
  return null;
}
