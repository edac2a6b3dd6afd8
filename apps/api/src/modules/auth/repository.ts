import { type Me, needsSecondFactor, type RoleGrant } from '@cf/shared';
import { and, asc, count, eq, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { preparedOnce } from '../../db/prepared.js';
import {
  authFailures,
  funds,
  memberships,
  organisations,
  recoveryCodes,
  secondFactors,
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

/** The ids of the groups a user belongs to (every signed-in request reads them). */
function groupIdsOf(q: Queryable, userId: string): string[] {
  return preparedOnce(q, 'auth.groupIds', (db) =>
    db
      .select({ id: memberships.organisationId })
      .from(memberships)
      .where(eq(memberships.userId, sql.placeholder('userId')))
      .prepare(),
  )
    .all({ userId })
    .map((row) => row.id);
}

/**
 * Everything the policy needs to know about a user; null unless the user is active. Staff roles
 * (SECOND_FACTOR_ROLES) count only when the session has used the second factor: without it the
 * person is who they are, with every other role, and `secondFactor` says what is missing.
 */
export function loadActor(
  q: Queryable,
  userId: string,
  session: { secondFactorUsed: boolean } = { secondFactorUsed: false },
): Actor | null {
  // The person and their role grants in one query (every signed-in request runs it): one row per
  // grant, oldest first, or one row with no grant; through users' key and user_roles_user.
  const rows = preparedOnce(q, 'auth.personWithRoles', (db) =>
    db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        status: users.status,
        emailVerifiedAt: users.emailVerifiedAt,
        grantId: userRoles.id,
        role: userRoles.role,
        fundId: userRoles.fundId,
        fundName: funds.name,
      })
      .from(users)
      .leftJoin(userRoles, eq(userRoles.userId, users.id))
      .leftJoin(funds, eq(funds.id, userRoles.fundId))
      .where(eq(users.id, sql.placeholder('userId')))
      .orderBy(asc(userRoles.createdAt))
      .prepare(),
  ).all({ userId });
  const user = rows[0];
  if (user?.status !== 'active') return null;
  const identity = { id: user.id, email: user.email, name: user.name };
  // An account whose email address is not confirmed holds no roles and no groups, so the one access
  // policy refuses it everything; it may only confirm the address or manage its own account.
  if (user.emailVerifiedAt === null) {
    return { ...identity, roles: [], organisationIds: [], emailVerified: false, secondFactor: 'not_needed' };
  }
  const grants: RoleGrant[] = rows.flatMap(({ grantId, role, fundId, fundName }) =>
    grantId === null || role === null ? [] : [{ id: grantId, role, fundId, fundName }],
  );
  const staff = grants.some((grant) => needsSecondFactor(grant.role));
  const done = staff && session.secondFactorUsed;
  return {
    ...identity,
    roles: staff && !done ? grants.filter((grant) => !needsSecondFactor(grant.role)) : grants,
    organisationIds: groupIdsOf(q, userId),
    emailVerified: true,
    secondFactor: !staff ? 'not_needed' : done ? 'done' : 'enrol',
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
    secondFactor: actor.secondFactor,
  };
}

// Sessions, stored under the hash of their token (tokens.ts).

export function insertSession(
  q: Queryable,
  session: {
    id: string;
    userId: string;
    at: number;
    ip: string | null;
    userAgent: string | null;
    awaitingSecondFactor?: boolean;
    secondFactorAt?: number | null;
  },
): void {
  q.insert(sessions)
    .values({
      id: session.id,
      userId: session.userId,
      createdAt: session.at,
      lastSeenAt: session.at,
      ip: session.ip,
      userAgent: session.userAgent,
      awaitingSecondFactor: session.awaitingSecondFactor ?? false,
      secondFactorAt: session.secondFactorAt ?? null,
    })
    .run();
}

/** Records that a session has used the second factor (after setting one up). */
export function markSessionSecondFactor(q: Queryable, id: string, at: number): void {
  q.update(sessions)
    .set({ secondFactorAt: at, awaitingSecondFactor: false })
    .where(eq(sessions.id, id))
    .run();
}

/** Ends every session of a user but one. */
export function deleteOtherSessions(q: Queryable, userId: string, keepId: string): number {
  return q
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepId)))
    .run().changes;
}

// The staff second factor (totp.ts): the authenticator app's secret, and recovery codes.

export function getSecondFactor(q: Queryable, userId: string) {
  return q.select().from(secondFactors).where(eq(secondFactors.userId, userId)).get();
}

/** Starts setting up an app: a new secret, not yet confirmed (replacing one not confirmed). */
export function writeUnconfirmedSecondFactor(q: Queryable, userId: string, secret: string, at: number): void {
  q.insert(secondFactors)
    .values({ userId, secret, createdAt: at, confirmedAt: null, lastUsedStep: 0 })
    .onConflictDoUpdate({
      target: secondFactors.userId,
      set: { secret, createdAt: at, confirmedAt: null, lastUsedStep: 0 },
    })
    .run();
}

export function confirmSecondFactor(q: Queryable, userId: string, at: number, step: number): void {
  q.update(secondFactors)
    .set({ confirmedAt: at, lastUsedStep: step })
    .where(eq(secondFactors.userId, userId))
    .run();
}

/**
 * Uses up a code's step: true when no code of this step or later was accepted before. Atomic, so
 * two requests with the same code cannot both get in.
 */
export function useStep(q: Queryable, userId: string, step: number): boolean {
  return (
    q
      .update(secondFactors)
      .set({ lastUsedStep: step })
      .where(and(eq(secondFactors.userId, userId), lt(secondFactors.lastUsedStep, step)))
      .run().changes === 1
  );
}

export function deleteSecondFactor(q: Queryable, userId: string): boolean {
  q.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  return q.delete(secondFactors).where(eq(secondFactors.userId, userId)).run().changes > 0;
}

export function replaceRecoveryCodes(q: Queryable, userId: string, codeHashes: string[]): void {
  q.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  if (codeHashes.length > 0)
    q.insert(recoveryCodes)
      .values(codeHashes.map((codeHash) => ({ userId, codeHash })))
      .run();
}

/** Uses up a recovery code: true when it was the user's and not used before. */
export function useRecoveryCode(q: Queryable, userId: string, codeHash: string, at: number): boolean {
  return (
    q
      .update(recoveryCodes)
      .set({ usedAt: at })
      .where(
        and(
          eq(recoveryCodes.userId, userId),
          eq(recoveryCodes.codeHash, codeHash),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .run().changes === 1
  );
}

export function unusedRecoveryCodes(q: Queryable, userId: string): number {
  return q
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    .all().length;
}

export function getSession(q: Queryable, id: string) {
  return preparedOnce(q, 'auth.session', (db) =>
    db
      .select()
      .from(sessions)
      .where(eq(sessions.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
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
