import type { Role, RoleGrant, UserStatus, UserSummary } from '@cf/shared';
import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { funds, invitations, secondFactors, userRoles, users } from '../../db/schema/index.js';
import { groupsOf, roleGrantsOf } from '../auth/repository.js';

/**
 * Users with their roles and organisations, for the admin pages, by name (the id breaks ties, so
 * pages never overlap): these users, every user, or one page (`window`).
 */
export function listUserSummaries(
  q: Queryable,
  userIds?: string[],
  window?: { offset: number; limit: number },
): UserSummary[] {
  const query = q
    .select()
    .from(users)
    .where(userIds ? inArray(users.id, userIds) : undefined)
    .orderBy(asc(users.name), asc(users.id));
  const rows = window ? query.limit(window.limit).offset(window.offset).all() : query.all();
  if (rows.length === 0) return [];
  const ids = rows.map((u) => u.id);
  const grants = roleGrantsOf(q, ids);
  const orgs = groupsOf(q, ids);
  const withSecondFactor = new Set(
    q
      .select({ userId: secondFactors.userId })
      .from(secondFactors)
      .where(and(inArray(secondFactors.userId, ids), isNotNull(secondFactors.confirmedAt)))
      .all()
      .map((f) => f.userId),
  );
  const pending = unansweredInvitations(q, ids);
  return rows.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    status: user.status,
    emailVerified: user.emailVerifiedAt !== null,
    roles: grants
      .filter((g) => g.userId === user.id)
      .map(({ id, role, fundId, fundName }): RoleGrant => ({ id, role, fundId, fundName })),
    organisations: orgs.filter((o) => o.userId === user.id).map(({ id, name }) => ({ id, name })),
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt,
    secondFactorSetUp: withSecondFactor.has(user.id),
    invitation: pending.get(user.id) ?? null,
  }));
}

/**
 * Each user's newest staff invitation that is neither accepted nor revoked (expired or not): when
 * it was sent and until when its link works.
 */
function unansweredInvitations(
  q: Queryable,
  userIds: string[],
): Map<string, { sentAt: string; expiresAt: string }> {
  const rows = q
    .select({ userId: invitations.userId, sentAt: invitations.createdAt, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(
      and(
        inArray(invitations.userId, userIds),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .orderBy(asc(invitations.createdAt), asc(invitations.id))
    .all();
  return new Map(rows.map(({ userId, sentAt, expiresAt }) => [userId, { sentAt, expiresAt }]));
}

/** Stops every unanswered invitation of the user working: a new one replaces them, or none does. */
export function revokeInvitations(q: Queryable, userId: string, at: string): number {
  return q
    .update(invitations)
    .set({ revokedAt: at })
    .where(and(eq(invitations.userId, userId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .run().changes;
}

export function countUsers(q: Queryable): number {
  return q.select({ count: sql<number>`count(*)` }).from(users).get()?.count ?? 0;
}

export function getUserSummary(q: Queryable, userId: string): UserSummary | undefined {
  return listUserSummaries(q, [userId])[0];
}

/** The user who holds this address, if any, with whether they have confirmed it. */
export function holderOf(q: Queryable, email: string) {
  return q
    .select({ id: users.id, status: users.status, emailVerifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.email, email))
    .get();
}

export function isEmailVerified(q: Queryable, userId: string): boolean {
  return q.select({ at: users.emailVerifiedAt }).from(users).where(eq(users.id, userId)).get()?.at != null;
}

export function fundExists(q: Queryable, fundId: string): boolean {
  return q.select({ id: funds.id }).from(funds).where(eq(funds.id, fundId)).get() !== undefined;
}

/** A new user who has been invited but has no password yet; returns their id. */
export function insertInvitedUser(q: Queryable, user: { email: string; name: string }): string {
  return q
    .insert(users)
    .values({ ...user, status: 'invited' })
    .returning()
    .get().id;
}

export function hasPassword(q: Queryable, userId: string): boolean {
  return Boolean(q.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).get()?.hash);
}

export function setUserStatus(q: Queryable, userId: string, status: UserStatus): void {
  q.update(users).set({ status }).where(eq(users.id, userId)).run();
}

// Roles.

export function insertRoleGrant(
  q: Queryable,
  grant: { userId: string; role: Role; fundId: string | null },
): string {
  return q.insert(userRoles).values(grant).returning().get().id;
}

/** The user's grant of this role for this fund (or for every fund, with a null fund), if any. */
export function findRoleGrant(q: Queryable, userId: string, role: Role, fundId: string | null) {
  return q
    .select({ id: userRoles.id })
    .from(userRoles)
    .where(
      and(
        eq(userRoles.userId, userId),
        eq(userRoles.role, role),
        sql`coalesce(${userRoles.fundId}, '') = ${fundId ?? ''}`,
      ),
    )
    .get();
}

export function getRoleGrant(q: Queryable, userId: string, grantId: string) {
  return q
    .select()
    .from(userRoles)
    .where(and(eq(userRoles.id, grantId), eq(userRoles.userId, userId)))
    .get();
}

export function deleteRoleGrant(q: Queryable, grantId: string): void {
  q.delete(userRoles).where(eq(userRoles.id, grantId)).run();
}

// Invitations, stored under the hash of their token.

export function insertInvitation(
  q: Queryable,
  invitation: {
    tokenHash: string;
    userId: string;
    invitedBy: string | null;
    expiresAt: string;
    createdAt: string;
  },
): void {
  q.insert(invitations).values(invitation).run();
}

/** When an admin's staff invitations after `since` (ISO) were sent, oldest first. */
export function staffInvitationsSentBy(q: Queryable, userId: string, since: string): string[] {
  return q
    .select({ at: invitations.createdAt })
    .from(invitations)
    .where(and(eq(invitations.invitedBy, userId), gt(invitations.createdAt, since)))
    .orderBy(asc(invitations.createdAt))
    .all()
    .map((row) => row.at);
}

/** The invitation with this token hash that is neither accepted, revoked nor expired at `now`, with its user. */
export function openInvitation(q: Queryable, tokenHash: string, now: Date) {
  return q
    .select({
      id: invitations.id,
      userId: users.id,
      email: users.email,
      name: users.name,
      status: users.status,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(
      and(
        eq(invitations.tokenHash, tokenHash),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now.toISOString()),
      ),
    )
    .get();
}

/**
 * Marks the invitation used and makes its user active with their password, signed in as of `now`.
 * The emailed link proves the address is theirs.
 */
export function acceptInvitationOf(
  q: Queryable,
  invitation: { id: string; userId: string },
  passwordHash: string,
  now: Date,
): void {
  q.update(invitations).set({ acceptedAt: now.toISOString() }).where(eq(invitations.id, invitation.id)).run();
  q.update(users)
    .set({
      passwordHash,
      status: 'active',
      lastSignInAt: now.toISOString(),
      emailVerifiedAt: now.toISOString(),
    })
    .where(eq(users.id, invitation.userId))
    .run();
}
