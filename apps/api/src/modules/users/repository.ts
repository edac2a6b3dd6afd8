import type { RoleGrant, UserSummary } from '@cf/shared';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { funds, memberships, organisations, userRoles, users } from '../../db/schema/index.js';

/** Users with their roles and organisations, for the admin pages. */
export function listUserSummaries(q: Queryable, userIds?: string[]): UserSummary[] {
  const rows = q
    .select()
    .from(users)
    .where(userIds ? inArray(users.id, userIds) : undefined)
    .orderBy(asc(users.name))
    .all();
  if (rows.length === 0) return [];
  const ids = rows.map((u) => u.id);
  const grants = q
    .select({
      id: userRoles.id,
      userId: userRoles.userId,
      role: userRoles.role,
      fundId: userRoles.fundId,
      fundName: funds.name,
    })
    .from(userRoles)
    .leftJoin(funds, eq(funds.id, userRoles.fundId))
    .where(inArray(userRoles.userId, ids))
    .orderBy(asc(userRoles.createdAt))
    .all();
  const orgs = q
    .select({ userId: memberships.userId, id: organisations.id, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(inArray(memberships.userId, ids))
    .all();
  return rows.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    status: user.status,
    roles: grants
      .filter((g) => g.userId === user.id)
      .map(({ id, role, fundId, fundName }): RoleGrant => ({ id, role, fundId, fundName })),
    organisations: orgs.filter((o) => o.userId === user.id).map(({ id, name }) => ({ id, name })),
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt,
  }));
}

export function getUserSummary(q: Queryable, userId: string): UserSummary | undefined {
  return listUserSummaries(q, [userId])[0];
}
