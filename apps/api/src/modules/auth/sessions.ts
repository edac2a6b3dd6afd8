import { SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES } from '@cf/shared';
import { and, asc, eq, lt, or } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { funds, memberships, organisations, sessions, userRoles, users } from '../../db/schema/index.js';
import type { Actor } from '../access/policy.js';
import { hashToken, newToken } from './tokens.js';

export const SESSION_COOKIE = 'sid';
export const IDLE_MS = SESSION_IDLE_MINUTES * 60_000;
export const ABSOLUTE_MS = SESSION_ABSOLUTE_HOURS * 3_600_000;
/** Don't write "last seen" on every request; a minute's precision is plenty for a 30-minute limit. */
const TOUCH_AFTER_MS = 60_000;

export function createSession(
  q: Queryable,
  userId: string,
  now: Date,
  meta: { ip?: string | undefined; userAgent?: string | undefined },
): string {
  const token = newToken();
  q.insert(sessions)
    .values({
      id: hashToken(token),
      userId,
      createdAt: now.getTime(),
      lastSeenAt: now.getTime(),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .run();
  return token;
}

export function endSession(q: Queryable, token: string): void {
  q.delete(sessions)
    .where(eq(sessions.id, hashToken(token)))
    .run();
}

export function endAllSessions(q: Queryable, userId: string): number {
  return q.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}

/** Removes sessions past either limit; run from time to time so the table stays small. */
export function purgeExpiredSessions(q: Queryable, now: Date): number {
  const t = now.getTime();
  return q
    .delete(sessions)
    .where(or(lt(sessions.lastSeenAt, t - IDLE_MS), lt(sessions.createdAt, t - ABSOLUTE_MS)))
    .run().changes;
}

/** Everything the policy needs to know about a user. */
export function loadActor(q: Queryable, userId: string): Actor | null {
  const user = q
    .select({ id: users.id, email: users.email, name: users.name, status: users.status })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (user?.status !== 'active') return null;
  const roles = q
    .select({ id: userRoles.id, role: userRoles.role, fundId: userRoles.fundId, fundName: funds.name })
    .from(userRoles)
    .leftJoin(funds, eq(funds.id, userRoles.fundId))
    .where(eq(userRoles.userId, userId))
    .orderBy(asc(userRoles.createdAt))
    .all();
  const orgs = q
    .select({ id: organisations.id, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .all();
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles,
    organisationIds: orgs.map((o) => o.id),
  };
}

export type SessionCheck =
  | { ok: true; userId: string }
  | { ok: false; reason: 'unknown' | 'idle' | 'absolute' };

/**
 * Checks a cookie's token: known, within 30 minutes of the last request and 12 hours of sign-in.
 * A session past either limit is deleted. A live one has its "last seen" moved on.
 */
export function checkSession(q: Queryable, token: string, now: Date): SessionCheck {
  const id = hashToken(token);
  const row = q.select().from(sessions).where(eq(sessions.id, id)).get();
  if (!row) return { ok: false, reason: 'unknown' };
  const t = now.getTime();
  const reason =
    t - row.createdAt >= ABSOLUTE_MS ? 'absolute' : t - row.lastSeenAt >= IDLE_MS ? 'idle' : null;
  if (reason) {
    q.delete(sessions).where(eq(sessions.id, id)).run();
    return { ok: false, reason };
  }
  if (t - row.lastSeenAt >= TOUCH_AFTER_MS) {
    q.update(sessions)
      .set({ lastSeenAt: t })
      .where(and(eq(sessions.id, id)))
      .run();
  }
  return { ok: true, userId: row.userId };
}
