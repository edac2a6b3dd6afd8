import { and, asc, count, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { authFailures } from '../../db/schema/index.js';

export interface ThrottleLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const addressKey = (ip: string) => `address:${ip}`;

/**
 * Failed sign-ins are counted per account and per address over a sliding window. Past a limit,
 * sign-in is refused until the oldest failure in the window ages out — never a permanent lockout,
 * so nobody can lock a person out for good by guessing at their account.
 * Returns the seconds to wait, or 0 when sign-in may be tried.
 */
export function retryAfterSeconds(
  q: Queryable,
  keys: { account: string; address: string },
  limits: ThrottleLimits,
  now: Date,
): number {
  const since = now.getTime() - limits.windowMs;
  let waitMs = 0;
  for (const [key, limit] of [
    [keys.account, limits.perAccount],
    [keys.address, limits.perAddress],
  ] as const) {
    const failures = q
      .select({ n: count() })
      .from(authFailures)
      .where(and(eq(authFailures.key, key), gte(authFailures.at, since)))
      .get();
    if ((failures?.n ?? 0) < limit) continue;
    // The failure whose ageing-out brings the count back under the limit.
    const rows = q
      .select({ at: authFailures.at })
      .from(authFailures)
      .where(and(eq(authFailures.key, key), gte(authFailures.at, since)))
      .orderBy(asc(authFailures.at))
      .limit(1)
      .offset((failures?.n ?? 0) - limit)
      .all();
    const oldest = rows[0]?.at ?? now.getTime();
    waitMs = Math.max(waitMs, oldest + limits.windowMs - now.getTime());
  }
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}

/** Records a failure against both keys; returns the rows' ids, so a provisional one can be taken back. */
export function recordFailure(q: Queryable, keys: { account: string; address: string }, now: Date): number[] {
  return q
    .insert(authFailures)
    .values([
      { key: keys.account, at: now.getTime() },
      { key: keys.address, at: now.getTime() },
    ])
    .returning({ id: authFailures.id })
    .all()
    .map((row) => row.id);
}

/** Takes back failures recorded provisionally for an attempt that turned out not to be a guess. */
export function forgetFailures(q: Queryable, ids: number[]): void {
  if (ids.length > 0) q.delete(authFailures).where(inArray(authFailures.id, ids)).run();
}

/** A successful sign-in clears the account's failures (not the address's: others may share it). */
export function clearAccountFailures(q: Queryable, account: string): void {
  q.delete(authFailures).where(eq(authFailures.key, account)).run();
}

export function purgeOldFailures(q: Queryable, windowMs: number, now: Date): void {
  q.delete(authFailures)
    .where(lt(authFailures.at, now.getTime() - windowMs))
    .run();
}
