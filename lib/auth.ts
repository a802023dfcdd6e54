import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { securityPolicy } from "@/lib/env";
import { loginSchema } from "@/lib/validations/password";

declare module "next-auth" {
  interface Session {
    sid?: string;
  }
  interface User {
    sid?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
  }
}

export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid";
}

export class AccountLocked extends CredentialsSignin {
  override code = "locked";
}

/**
 * next-auth handles the cookie (a signed, encrypted JWT that carries only our session id).
 * Whether that session is still valid is decided on every request by lib/data/session.ts.
 */
export const { handlers, signIn, signOut } = NextAuth({
  trustHost: true,
  logger: {
    // A failed sign-in is an expected outcome (and is in the audit log), not a server error.
    error(error) {
      // Class names are minified in the build; the error type survives.
      if ((error as { type?: string }).type === "CredentialsSignin" || error instanceof CredentialsSignin) return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  session: { strategy: "jwt", maxAge: securityPolicy().session.maxHours * 3600 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(raw) {
        const parsed = loginSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const { verifyCredentials } = await import("@/lib/data/credentials");
        const result = await verifyCredentials(parsed.data.username, parsed.data.password);
        if (!result.ok) throw result.reason === "locked" ? new AccountLocked() : new InvalidCredentials();
        return { id: String(result.userId), sid: result.sessionId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.sid) token.sid = user.sid;
      return token;
    },
    session({ session, token }) {
      session.sid = token.sid;
      return session;
    },
  },
});
