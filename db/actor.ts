/**
 * Who does a state change. Every command takes one explicitly: a signed-in person (resolved
 * from the session by lib/data), the system (CLIs, the scheduler, imports), or nobody yet
 * (a failed sign-in). It is what the audit row records.
 */
import type { Role } from "@/lib/vocabulary";

export interface UserActor {
  readonly kind: "user";
  readonly userId: number;
  readonly username: string;
  /** The person's name as messages to colleagues show it (「周文书 提交了…」). */
  readonly displayName: string;
  readonly role: Role;
  readonly ip: string | null;
}

/** Names the audit log shows for work nobody signed in did. */
export type SystemName = "scheduler" | "cli" | "import" | "seed";

export interface SystemActor {
  readonly kind: "system";
  readonly name: SystemName;
}

/** Someone not (yet) signed in, e.g. a sign-in attempt for an unknown account. */
export interface AnonymousActor {
  readonly kind: "anonymous";
  readonly ip: string | null;
}

export type Actor = UserActor | SystemActor | AnonymousActor;

export const systemActor = (name: SystemName): SystemActor => ({ kind: "system", name });

/** The user id to store as the author of a change (null for the system or nobody). */
export const actorUserId = (actor: Actor): number | null => (actor.kind === "user" ? actor.userId : null);
