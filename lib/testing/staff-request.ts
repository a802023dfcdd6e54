/**
 * What `next/headers` answers in the integration tests (lib/testing/integration-setup.ts mocks
 * it with `nextHeadersDouble`): the session cookie of whoever the test is acting as, and the
 * client IP our server would have set. lib/data/session.ts decodes that cookie for real.
 */

/** The cookie next-auth writes over plain HTTP (lib/data/session.ts also reads this name). */
export const SESSION_COOKIE = "authjs.session-token";

/** The client IP every test request comes from (what audit rows and sessions record). */
export const TEST_CLIENT_IP = "203.0.113.7";

let sessionCookie: string | null = null;

/** The cookie the following requests carry (null: signed out). */
export function setSessionCookie(value: string | null): void {
  sessionCookie = value;
}

export function nextHeadersDouble() {
  return {
    // The jar is taken when cookies() is called, so a request keeps the cookie it started with
    // even if the test switches persona before the request's first await has resolved.
    cookies: async () => {
      const value = sessionCookie;
      return { get: (name: string) => (name === SESSION_COOKIE && value !== null ? { name, value } : undefined) };
    },
    headers: async () => new Headers({ "x-nianbao-client-ip": TEST_CLIENT_IP }),
  };
}
