import type { Me, RoleGrant } from '@cf/shared';
import { and, asc, count, eq, gte, inArray, lt, ne, or } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  authFailures,
  funds,
  memberships,
  organisations,
  sessions,
  userRoles,
  users,
} from '../../db/schema/index.js';
import type { Actor } from '../access/policy.js';

// Users, as sign-in sees them.

export function findUserByEmail(q: Queryable, email: string) {
  return q.select().from(users).where(eq(users.email, email)).get();
}

export function setLastSignIn(q: Queryable, userId: string, at: Date): void {
  q.update(users).set({ lastSignInAt: at.toISOString() }).where(eq(users.id, userId)).run();
}

/** The role grants of these users (with the fund a grant is limited to), oldest first. */
export function roleGrantsOf(q: Queryable, userIds: string[]): (RoleGrant & { userId: string })[] {
  if (userIds.length === 0) return [];
  return q
    .select({
      userId: userRoles.userId,
      id: userRoles.id,
      role: userRoles.role,
      fundId: userRoles.fundId,
      fundName: funds.name,
    })
    .from(userRoles)
    .leftJoin(funds, eq(funds.id, userRoles.fundId))
    .where(inArray(userRoles.userId, userIds))
    .orderBy(asc(userRoles.createdAt))
    .all();
}

/** The groups these users belong to, with their names. */
export function groupsOf(q: Queryable, userIds: string[]): { userId: string; id: string; name: string }[] {
  if (userIds.length === 0) return [];
  return q
    .select({ userId: memberships.userId, id: organisations.id, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(inArray(memberships.userId, userIds))
    .all();
}

/** Everything the policy needs to know about a user; null unless the user is active. */
export function loadActor(q: Queryable, userId: string): Actor | null {
  const user = q
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      status: users.status,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (user?.status !== 'active') return null;
  const identity = { id: user.id, email: user.email, name: user.name };
  // An account whose email address is not confirmed holds no roles and no groups, so the one access
  // policy refuses it everything; it may only confirm the address or manage its own account.
  if (user.emailVerifiedAt === null) {
    return { ...identity, roles: [], organisationIds: [], emailVerified: false };
  }
  return {
    ...identity,
    roles: roleGrantsOf(q, [userId]).map(({ id, role, fundId, fundName }) => ({
      id,
      role,
      fundId,
      fundName,
    })),
    organisationIds: groupsOf(q, [userId]).map((o) => o.id),
    emailVerified: true,
  };
}

/** The signed-in user as /api/auth/me answers: the actor with the names of their groups. */
export function toMe(q: Queryable, actor: Actor): Me {
  const organisations = groupsOf(q, [actor.id])
    .filter(({ id }) => actor.organisationIds.includes(id))
    .map(({ id, name }) => ({ id, name }));
  return {
    id: actor.id,
    email: actor.email,
    name: actor.name,
    roles: actor.roles,
    organisations,
    emailVerified: actor.emailVerified,
  };
}

// Sessions, stored under the hash of their token (tokens.ts).

export function insertSession(
  q: Queryable,
  session: { id: string; userId: string; at: number; ip: string | null; userAgent: string | null },
): void {
  q.insert(sessions)
    .values({
      id: session.id,
      userId: session.userId,
      createdAt: session.at,
      lastSeenAt: session.at,
      ip: session.ip,
      userAgent: session.userAgent,
    })
    .run();
}

export function getSession(q: Queryable, id: string) {
  return q.select().from(sessions).where(eq(sessions.id, id)).get();
}

export function touchSession(q: Queryable, id: string, lastSeenAt: number): void {
  q.update(sessions)
    .set({ lastSeenAt })
    .where(and(eq(sessions.id, id)))
    .run();
}

export function deleteSession(q: Queryable, id: string): void {
  q.delete(sessions).where(eq(sessions.id, id)).run();
}

export function deleteSessionsOfUser(q: Queryable, userId: string): number {
  return q.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}

export function deleteSessionsOfUserExcept(q: Queryable, userId: string, keepId: string): number {
  return q
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepId)))
    .run().changes;
}

export function passwordHashOf(q: Queryable, userId: string): string | null {
  return q.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).get()?.hash ?? null;
}

/** Deletes sessions last seen before `seenBefore` or created before `createdBefore` (ms). */
export function deleteSessionsBefore(q: Queryable, seenBefore: number, createdBefore: number): number {
  return q
    .delete(sessions)
    .where(or(lt(sessions.lastSeenAt, seenBefore), lt(sessions.createdAt, createdBefore)))
    .run().changes;
}

// Failed sign-ins, counted per key (an account or an address).

export function countFailuresSince(q: Queryable, key: string, since: number): number {
  return (
    q
      .select({ n: count() })
      .from(authFailures)
      .where(and(eq(authFailures.key, key), gte(authFailures.at, since)))
      .get()?.n ?? 0
  );
}

/** When the failure at `offset` (oldest first) of those since `since` happened, if there is one. */
export function failureAtSince(q: Queryable, key: string, since: number, offset: number): number | undefined {
  const rows = q
    .select({ at: authFailures.at })
    .from(authFailures)
    .where(and(eq(authFailures.key, key), gte(authFailures.at, since)))
    .orderBy(asc(authFailures.at))
    .limit(1)
    .offset(offset)
    .all();
  return rows[0]?.at;
}

/** When each failure under a key since `since` (ms) happened. */
export function failureTimesSince(q: Queryable, key: string, since: number): number[] {
  return q
    .select({ at: authFailures.at })
    .from(authFailures)
    .where(and(eq(authFailures.key, key), gte(authFailures.at, since)))
    .all()
    .map((row) => row.at);
}

/** Records one failure under each key; returns the rows' ids. */
export function insertFailures(q: Queryable, keys: string[], at: number): number[] {
  return q
    .insert(authFailures)
    .values(keys.map((key) => ({ key, at })))
    .returning({ id: authFailures.id })
    .all()
    .map((row) => row.id);
}

export function deleteFailures(q: Queryable, ids: number[]): void {
  if (ids.length > 0) q.delete(authFailures).where(inArray(authFailures.id, ids)).run();
}

export function deleteFailuresOfKey(q: Queryable, key: string): void {
  q.delete(authFailures).where(eq(authFailures.key, key)).run();
}

export function deleteFailuresBefore(q: Queryable, before: number): void {
  q.delete(authFailures).where(lt(authFailures.at, before)).run();
}
