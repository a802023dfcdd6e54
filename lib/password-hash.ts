import { hash, verify } from "@node-rs/argon2";
import { passwordProblem } from "./validations/password";

/** argon2id with the OWASP-recommended minimum (m=19 MiB, t=2, p=1). */
const ARGON2_OPTIONS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, not importable under isolatedModules)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random string, verified against when the username is unknown so timing does not tell. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`no-such-user-${Math.random()}`);
  return dummyHash;
}

/** A readable temporary password that satisfies the policy (shown once to the admin). */
export function generateTemporaryPassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    const body = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
    const candidate = `${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8, 12)}`;
    if (passwordProblem(candidate) === null) return candidate;
  }
}
